import * as E from 'fp-ts/Either';
import type { Abi, Address } from 'viem';

/** One contract read. With `from`, it is sent as its own eth_call from that account (e.g. simulating `collect` as the owner). */
export interface ContractRead {
  readonly address: Address;
  readonly abi: Abi;
  readonly functionName: string;
  readonly args?: ReadonlyArray<unknown>;
  readonly from?: Address;
}

export type ReadResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** The plan's answer; or its failure (this source fails alone, as a warning); or reads for the next round and what to do with their results (in the same order). */
export type ReadStep<A> =
  | { readonly done: A }
  | { readonly failed: Error }
  | { readonly reads: ReadonlyArray<ContractRead>; readonly next: (results: ReadonlyArray<ReadResult>) => ReadStep<A> };

/**
 * How one source (ERC-20 balances, a lending market, a DEX) reads what it needs. The engine runs every plan in
 * lockstep, putting all of a round's reads in one multicall, so the number of HTTP round trips is the number of
 * rounds, whatever the number of tokens or positions.
 */
export interface ReadPlan<A> {
  readonly source: string;
  readonly start: ReadStep<A>;
}

export const done = <A>(value: A): ReadStep<A> => ({ done: value });

export const readThen = <A>(reads: ReadonlyArray<ContractRead>, next: (results: ReadonlyArray<ReadResult>) => ReadStep<A>): ReadStep<A> => ({ reads, next });

/** The step an Either holds, or the failed step (the source's warning) when it holds an error. */
export const stepOf = <A>(step: E.Either<Error, ReadStep<A>>): ReadStep<A> => (E.isLeft(step) ? { failed: step.left } : step.right);

const mapStep = <A, B>(step: ReadStep<A>, f: (a: A) => B): ReadStep<B> =>
  'done' in step ? { done: f(step.done) } : 'failed' in step ? step : { reads: step.reads, next: (results) => mapStep(step.next(results), f) };

/** The same reads, with the answer transformed (to run plans of different result types together). */
export const mapReadPlan = <A, B>(plan: ReadPlan<A>, f: (a: A) => B): ReadPlan<B> => ({ source: plan.source, start: mapStep(plan.start, f) });
