import type { Address } from 'viem';
import type { WalletAddress } from '../../address/wallet-address';
import type { TrackedAction } from './decode-tracked-action';
import type { TxHash } from '../../address/tx-hash';

/** API.md's statuses of a tracked transaction; every one but `pending` is final. */
export type TrackedStatus = 'pending' | 'confirmed' | 'failed' | 'dropped';
export type FinalStatus = Exclude<TrackedStatus, 'pending'>;

/** A transaction a wallet asked the server to follow (one per wallet and hash). */
export interface TrackedTransaction {
  readonly hash: TxHash;
  readonly wallet: WalletAddress;
  /** Known once the node has seen the transaction. */
  readonly from: Address | null;
  readonly to: Address | null;
  readonly status: TrackedStatus;
  readonly blockNumber: bigint | null;
  readonly gasUsed: bigint | null;
  readonly action: TrackedAction | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Checks so far that found it still pending (the backoff exponent). */
  readonly attempts: number;
  readonly nextCheckAt: Date;
  /** Since when neither the chain nor the node's mempool has known it (null while it is known). */
  readonly missingSince: Date | null;
}

/** What the node says about a hash at one moment. */
export type TxObservation =
  | {
      readonly kind: 'mined';
      readonly from: Address;
      readonly to: Address | null;
      readonly input: `0x${string}`;
      readonly blockNumber: bigint;
      readonly gasUsed: bigint;
      readonly succeeded: boolean;
    }
  | { readonly kind: 'in_mempool'; readonly from: Address; readonly to: Address | null; readonly input: `0x${string}` }
  | { readonly kind: 'unknown' };
