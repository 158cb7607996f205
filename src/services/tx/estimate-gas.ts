import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { CallRequest, TxChain } from './ports';

/** Headroom on an estimate: 20%. */
const withHeadroom = (gas: bigint): bigint => (gas * 12n) / 10n;

export interface CallToEstimate {
  readonly call: CallRequest;
  /** Measured upper bound: used when the call depends on an earlier one in the list, or its estimate reverts. */
  readonly gasUpperBound: bigint;
  /** An earlier transaction of the list must land first (an approval precedes it): eth_estimateGas at the block would revert. */
  readonly dependsOnEarlier: boolean;
}

/**
 * Gas per call: eth_estimateGas at the block × 1.2 for a call that stands alone (the first, and any call no approval
 * precedes); the planner's measured `gasUpperBound` for a call that depends on an earlier one, or whose estimate reverts
 * (the simulation then says why). All estimates go out in one batch.
 */
export const estimateGas = (chain: TxChain, calls: ReadonlyArray<CallToEstimate>, blockNumber: bigint): TE.TaskEither<AppError, ReadonlyArray<bigint>> =>
  pipe(
    calls,
    TE.traverseArray(({ call, gasUpperBound, dependsOnEarlier }) =>
      dependsOnEarlier
        ? TE.right(gasUpperBound)
        : pipe(
            chain.estimateGasAt(call, blockNumber),
            TE.map((estimate) => (estimate.kind === 'estimated' ? withHeadroom(estimate.gas) : gasUpperBound)),
          ),
    ),
  );
