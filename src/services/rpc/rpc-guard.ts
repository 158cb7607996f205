import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import { isChainUnavailable } from '../../domain/errors/chain-unavailable';
import type { Logger } from '../ports/logger';
import { callThroughCircuit } from '../circuit/call-through-circuit';
import type { CallOutcome, CircuitBreaker } from '../circuit/circuit-breaker';
import type { HealthCheck } from '../health';

export interface RpcGuard {
  /**
   * Runs a chain read under the read deadline and through the RPC circuit: RpcUnavailable once the deadline
   * passes, and at once, without calling the RPC, while the circuit is open (here or on another worker).
   */
  readonly guard: <A>(read: TE.TaskEither<AppError, A>) => TE.TaskEither<AppError, A>;
  /** `probe`, except that it answers `down` without calling the RPC while the circuit is open. */
  readonly health: (probe: HealthCheck) => HealthCheck;
}

export interface RpcGuardDeps {
  readonly breaker: CircuitBreaker;
  /** The longest a whole read (every round) may take before it counts as an RPC failure. */
  readonly deadlineMs: number;
  readonly logger: Logger;
}

class DeadlinePassed extends Error {
  constructor(readonly deadlineMs: number) {
    super(`the chain read took longer than ${deadlineMs} ms`);
  }
}

/** `read`, or RpcUnavailable when it has not settled within `deadlineMs` (the request itself runs out on its own). */
const withinDeadline =
  <A>(read: TE.TaskEither<AppError, A>, deadlineMs: number, logger: Logger): TE.TaskEither<AppError, A> =>
  async () => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<E.Either<AppError, A>>((resolve) => {
      timer = setTimeout(() => {
        logger.warn('chain read passed its deadline: answering from stored data', { deadlineMs });
        resolve(E.left({ _tag: 'RpcUnavailable', cause: new DeadlinePassed(deadlineMs) }));
      }, deadlineMs);
    });
    try {
      return await Promise.race([read(), expired]);
    } finally {
      clearTimeout(timer);
    }
  };

/** Only the chain being unavailable (unreachable, timed out, rate-limiting) counts against the RPC; a revert is an answer. */
const outcomeOf = (result: E.Either<AppError, unknown>): CallOutcome =>
  E.isLeft(result) && isChainUnavailable(result.left) ? { kind: 'failure' } : { kind: 'success' };

const circuitOpen = (retryAfterSeconds: number): AppError => ({ _tag: 'RpcUnavailable', cause: `circuit open for ${retryAfterSeconds} s` });

/** Builds the guard every portfolio and price read of the chain goes through (see README, "RPC outages"). */
export const makeRpcGuard = (deps: RpcGuardDeps): RpcGuard => ({
  guard: (read) => callThroughCircuit(deps.breaker, withinDeadline(read, deps.deadlineMs, deps.logger), outcomeOf, circuitOpen),
  health:
    (probe): HealthCheck =>
    async () =>
      (await deps.breaker.isOpen()) ? 'down' : probe(),
});
