import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { parseAbi, type Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { Logger } from '../../services/ports/logger';
import { appErrorOfRpcFailure } from './classify-rpc-failure';
import type { SeiClient } from './make-sei-client';
import type { ContractRead, ReadPlan, ReadResult, ReadStep } from './read-plan';

const blockNumberAbi = parseAbi(['function getBlockNumber() view returns (uint256 blockNumber)']);

export interface PlanOutcome<A> {
  readonly source: string;
  readonly result: E.Either<Error, A>;
}

export interface ReadOutcome<A> {
  readonly blockNumber: bigint;
  readonly rounds: number;
  readonly outcomes: ReadonlyArray<PlanOutcome<A>>;
}

export interface ReadEngineDeps {
  readonly client: SeiClient;
  readonly multicallAddress: Address;
  readonly logger: Logger;
  readonly maxRounds?: number;
}

type Pending<A> = { readonly source: string; step: ReadStep<A>; result?: E.Either<Error, A> };

const toError = (e: unknown): Error => (e instanceof Error ? e : new Error(String(e)));

/** Runs one round: every multicall-able read in one aggregate3, every `from` read as its own eth_call, all in one HTTP batch. */
const runRound = async (deps: ReadEngineDeps, reads: ReadonlyArray<ContractRead>, block: bigint | undefined): Promise<ReadonlyArray<ReadResult>> => {
  const at = block === undefined ? { blockTag: 'latest' as const } : { blockNumber: block };
  const batched = reads.map((r, i) => ({ r, i })).filter(({ r }) => r.from === undefined);
  const direct = reads.map((r, i) => ({ r, i })).filter(({ r }) => r.from !== undefined);
  const multicall = deps.client.multicall({
    contracts: batched.map(({ r }) => ({ address: r.address, abi: r.abi, functionName: r.functionName, args: r.args ?? [] })),
    allowFailure: true,
    multicallAddress: deps.multicallAddress,
    batchSize: 0,
    ...at,
  });
  const singles = direct.map(({ r }) =>
    deps.client
      .readContract({ address: r.address, abi: r.abi, functionName: r.functionName, args: r.args ?? [], account: r.from, ...at })
      .then((value): ReadResult => ({ ok: true, value }), (error: unknown): ReadResult => ({ ok: false, error })),
  );
  const [batchedResults, singleResults] = await Promise.all([multicall, Promise.all(singles)]);
  const out: ReadResult[] = new Array<ReadResult>(reads.length);
  batched.forEach(({ i }, k) => {
    const r = batchedResults[k];
    out[i] = r?.status === 'success' ? { ok: true, value: r.result } : { ok: false, error: r?.error };
  });
  direct.forEach(({ i }, k) => {
    out[i] = singleResults[k] ?? { ok: false, error: new Error('missing result') };
  });
  return out;
};

/**
 * Executes plans in lockstep. Round 1 runs at the latest block and also reads that block's number from Multicall3;
 * later rounds are pinned to it, so every figure describes one block. With `at`, every round runs at that block. A
 * plan that fails (or throws) fails alone; a failure of the RPC itself fails the whole read, as its class says
 * (rpcFailureToAppError).
 */
export const executeReadPlans =
  <A>(deps: ReadEngineDeps, plans: ReadonlyArray<ReadPlan<A>>, at?: bigint): TE.TaskEither<AppError, ReadOutcome<A>> =>
  async () => {
    const pending: Array<Pending<A>> = plans.map((p) => ({ source: p.source, step: p.start }));
    let block: bigint | undefined = at;
    let rounds = 0;
    const settle = (p: Pending<A>) => {
      if ('done' in p.step) p.result = E.right(p.step.done);
      if ('failed' in p.step) {
        p.result = E.left(p.step.failed);
        deps.logger.warn('a read source failed; the others are kept', { source: p.source, cause: p.step.failed.message });
      }
    };
    pending.forEach(settle);
    while (pending.some((p) => p.result === undefined)) {
      if (rounds >= (deps.maxRounds ?? 6)) {
        pending.filter((p) => p.result === undefined).forEach((p) => (p.result = E.left(new Error('too many read rounds'))));
        break;
      }
      const active = pending.flatMap((p) => (p.result === undefined && 'reads' in p.step ? [{ p, step: p.step }] : []));
      const reads = active.flatMap((a) => a.step.reads);
      const withBlock = block === undefined ? [...reads, { address: deps.multicallAddress, abi: blockNumberAbi, functionName: 'getBlockNumber' }] : reads;
      let results: ReadonlyArray<ReadResult>;
      try {
        results = await runRound(deps, withBlock, block);
      } catch (cause) {
        deps.logger.warn('chain read failed', { round: rounds + 1, cause: toError(cause).message });
        return E.left(appErrorOfRpcFailure(cause));
      }
      rounds += 1;
      if (block === undefined) {
        const last = results[results.length - 1];
        if (last === undefined || !last.ok || typeof last.value !== 'bigint') {
          // With allowFailure, a transport failure comes back as every read failing with it; a revert means no Multicall3.
          const cause = last !== undefined && !last.ok ? last.error : undefined;
          deps.logger.warn('chain read failed', { round: rounds, cause: `Multicall3 getBlockNumber failed (is Multicall3 deployed at the configured address?): ${toError(cause).message}` });
          return E.left(appErrorOfRpcFailure(cause));
        }
        block = last.value;
      }
      let offset = 0;
      for (const { p, step } of active) {
        const mine = results.slice(offset, offset + step.reads.length);
        offset += step.reads.length;
        try {
          p.step = step.next(mine);
          settle(p);
        } catch (cause) {
          p.result = E.left(toError(cause));
          deps.logger.warn('a read source failed; the others are kept', { source: p.source, cause: toError(cause).message });
        }
      }
    }
    if (block === undefined) {
      try {
        block = await deps.client.getBlockNumber();
      } catch (cause) {
        return E.left(appErrorOfRpcFailure(cause));
      }
    }
    return E.right({
      blockNumber: block,
      rounds,
      outcomes: pending.map((p) => ({ source: p.source, result: p.result ?? E.left(new Error('no result')) })),
    });
  };
