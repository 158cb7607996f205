import { getAddress, type Address } from 'viem';
import type { WalletAddress } from '../../address/wallet-address';
import { decodeTrackedAction, type KnownContracts, type TrackedAction } from './decode-tracked-action';
import type { FinalStatus, TxObservation } from './tracked-transaction';

export interface TrackingSettings {
  /** Wait before the second check; it doubles at each check that finds the transaction pending. */
  readonly pollIntervalMs: number;
  /** The longest wait between two checks. */
  readonly maxPollIntervalMs: number;
  /** Neither mined nor in the mempool this long: dropped. */
  readonly dropAfterSeconds: number;
}

/** What is known of a tracked transaction before a check (a transaction not stored yet: attempts 0, never missing). */
export interface TrackingState {
  readonly wallet: WalletAddress;
  readonly attempts: number;
  readonly missingSince: Date | null;
  readonly from: Address | null;
  readonly to: Address | null;
  readonly action: TrackedAction | null;
}

/** What is seen of the transaction: who sent it, where, doing what (null until the node has seen it). */
export interface SeenFields {
  readonly from: Address | null;
  readonly to: Address | null;
  readonly action: TrackedAction | null;
}

export type TrackingStep =
  /** Sent by another wallet: the wallet that asked may not follow it. */
  | { readonly kind: 'not_owner' }
  | (SeenFields & { readonly kind: 'final'; readonly status: FinalStatus; readonly blockNumber: bigint | null; readonly gasUsed: bigint | null })
  | (SeenFields & { readonly kind: 'wait'; readonly attempts: number; readonly nextCheckAt: Date; readonly missingSince: Date | null });

/** The wait after the `attempts`-th check that found the transaction pending: pollInterval × 2^(attempts−1), capped. */
export const checkDelayMs = (attempts: number, settings: TrackingSettings): number =>
  Math.min(settings.maxPollIntervalMs, settings.pollIntervalMs * 2 ** Math.min(Math.max(attempts - 1, 0), 30));

/** Checked again later, as when the node could not be asked. */
export const checkLater = (state: TrackingState, now: Date, settings: TrackingSettings): TrackingStep & { readonly kind: 'wait' } => {
  const attempts = state.attempts + 1;
  return { kind: 'wait', from: state.from, to: state.to, action: state.action, attempts, nextCheckAt: new Date(now.getTime() + checkDelayMs(attempts, settings)), missingSince: state.missingSince };
};

/**
 * The next state of a tracked transaction after one look at the node: final when mined (confirmed or failed by its
 * receipt) or missing for TX_DROP_AFTER_SECONDS (dropped); refused when another wallet sent it; else checked again
 * later, the mempool resetting the drop timer.
 */
export const nextTrackingStep = (state: TrackingState, seen: TxObservation, now: Date, settings: TrackingSettings, known: KnownContracts): TrackingStep => {
  if (seen.kind === 'unknown') {
    const missingSince = state.missingSince ?? now;
    if (now.getTime() - missingSince.getTime() >= settings.dropAfterSeconds * 1000) {
      return { kind: 'final', status: 'dropped', from: state.from, to: state.to, action: state.action, blockNumber: null, gasUsed: null };
    }
    return { ...checkLater(state, now, settings), missingSince };
  }
  if (getAddress(seen.from) !== state.wallet) return { kind: 'not_owner' };
  const fields: SeenFields = { from: getAddress(seen.from), to: seen.to === null ? null : getAddress(seen.to), action: decodeTrackedAction(seen.to, seen.input, known) };
  if (seen.kind === 'mined') return { kind: 'final', status: seen.succeeded ? 'confirmed' : 'failed', ...fields, blockNumber: seen.blockNumber, gasUsed: seen.gasUsed };
  return { ...checkLater({ ...state, ...fields }, now, settings), missingSince: null };
};
