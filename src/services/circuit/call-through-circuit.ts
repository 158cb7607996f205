import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { CallOutcome, CircuitBreaker } from './circuit-breaker';

/**
 * Runs `call` only when `breaker` lets it out, and records how it ended (`outcomeOf`); while the breaker is open
 * the call is not made and `refused(retryAfterSeconds)` is returned at once.
 */
export const callThroughCircuit =
  <E, A>(
    breaker: CircuitBreaker,
    call: TE.TaskEither<E, A>,
    outcomeOf: (result: E.Either<E, A>) => CallOutcome,
    refused: (retryAfterSeconds: number) => E,
  ): TE.TaskEither<E, A> =>
  async () => {
    const decision = await breaker.check();
    if (!decision.allowed) return E.left(refused(decision.retryAfterSeconds));
    const result = await call();
    await breaker.record(outcomeOf(result))();
    return result;
  };
