import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import { decodeRevert, type SimulationError } from '../../domain/tx/decode-revert';
import type { CallRequest, StorageOverride, TxChain } from './ports';

/** One call of the list, and whether it runs under the approvals' overrides (the actions) or as it is (the approvals). */
export interface CallToSimulate {
  readonly call: CallRequest;
  readonly kind: 'approve' | 'action';
}

export type SimulationVerdict =
  | { readonly ok: true }
  | { readonly ok: false; readonly error: SimulationError; readonly failedCall: Address }
  | { readonly ok: null; readonly reason: string };

/**
 * Runs every call as the wallet at the block, in one batch: approvals as they are, actions under `overrides` (the
 * allowances the approvals before them set). The first call that fails, in signing order, decides the verdict.
 * Calls after the first action do not see the first action's effects: planners return one action call (see README).
 */
export const simulateCalls = (chain: TxChain, calls: ReadonlyArray<CallToSimulate>, overrides: ReadonlyArray<StorageOverride>, blockNumber: bigint): TE.TaskEither<AppError, SimulationVerdict> =>
  pipe(
    calls,
    TE.traverseArray(({ call, kind }) => chain.callAt(call, blockNumber, kind === 'action' ? overrides : [])),
    TE.map((outcomes): SimulationVerdict => {
      for (const [i, outcome] of outcomes.entries()) {
        const call = calls[i]?.call;
        if (outcome.kind === 'reverted' && call !== undefined) return { ok: false, error: decodeRevert(outcome.evidence), failedCall: call.to };
        if (outcome.kind === 'refused') return { ok: null, reason: `the RPC refused the simulation: ${outcome.reason}` };
      }
      return { ok: true };
    }),
  );
