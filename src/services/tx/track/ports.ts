// The ports of transaction tracking (POST /api/tx/track, GET /api/tx, the follower): where tracked transactions are
// stored (infra/db/tracked-transactions-repository.ts), how the node is asked about hashes
// (adapters/chain/observe-transactions.ts), and where status changes go (Socket.IO and the portfolio refresh).
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../../domain/app-error';
import type { WalletAddress } from '../../../domain/address/wallet-address';
import type { TrackingStep } from '../../../domain/tx/track/next-tracking-step';
import type { TrackedAction } from '../../../domain/tx/track/decode-tracked-action';
import type { TrackedStatus, TrackedTransaction, TxObservation } from '../../../domain/tx/track/tracked-transaction';
import type { TxHash } from '../../../domain/address/tx-hash';

export type WaitStep = TrackingStep & { readonly kind: 'wait' };
export type FinalStep = TrackingStep & { readonly kind: 'final' };

/** A first row: pending (to be checked at `nextCheckAt`) or already final. */
export interface NewTrackedTransaction {
  readonly wallet: WalletAddress;
  readonly hash: TxHash;
  readonly step: WaitStep | FinalStep;
  readonly now: Date;
}

/** The cluster's pending set, for the tx_tracked_* gauges. */
export interface PendingSummary {
  readonly pending: number;
  readonly oldestCreatedAt: Date | null;
}

/** Tracked transactions, one per (wallet, hash), in Postgres. Every function fails with DependencyUnavailable. */
export interface TrackedTransactionStore {
  /**
   * Stores the row unless the wallet already tracks the hash; answers the stored row and whether this call created it.
   * A new pending row when the wallet already has `maxPending` pending is refused with Conflict (checked under a
   * per-wallet lock, so parallel calls cannot overshoot); an already landed one is always stored.
   */
  readonly insert: (row: NewTrackedTransaction, maxPending: number) => TE.TaskEither<AppError, { readonly row: TrackedTransaction; readonly created: boolean }>;
  readonly find: (wallet: WalletAddress, hash: TxHash) => TE.TaskEither<AppError, TrackedTransaction | undefined>;
  /** The wallet's rows newest tracked first, after the row `before` (undefined when `before` is not one of its rows). */
  readonly page: (wallet: WalletAddress, limit: number, before: TxHash | undefined) => TE.TaskEither<AppError, ReadonlyArray<TrackedTransaction> | undefined>;
  /** Pending rows whose next check is due at `now`, soonest first. */
  readonly due: (now: Date, limit: number) => TE.TaskEither<AppError, ReadonlyArray<TrackedTransaction>>;
  /** Records a check that left the row pending (only while it is pending). */
  readonly reschedule: (wallet: WalletAddress, hash: TxHash, step: WaitStep, now: Date) => TE.TaskEither<AppError, void>;
  /** Moves a pending row to its final status; true only for the one call that moved it (so a change is announced once). */
  readonly finish: (wallet: WalletAddress, hash: TxHash, step: FinalStep, now: Date) => TE.TaskEither<AppError, boolean>;
  /** Forgets a row (another wallet's transaction). */
  readonly remove: (wallet: WalletAddress, hash: TxHash) => TE.TaskEither<AppError, void>;
  readonly pendingSummary: () => TE.TaskEither<AppError, PendingSummary>;
}

/** The node's view of hashes: mined (with its receipt), waiting in its mempool, or unknown. One round trip for all. */
export interface TxObserver {
  readonly observe: (hashes: ReadonlyArray<TxHash>) => TE.TaskEither<AppError, ReadonlyMap<TxHash, TxObservation>>;
}

/** `transaction_update` as the service gives it to the realtime edge (the edge adds the timestamp). */
export interface TrackedTransactionUpdate {
  readonly hash: TxHash;
  readonly status: TrackedStatus;
  readonly blockNumber?: number;
  readonly action?: TrackedAction;
}

/** Where a final status goes: the wallet's signed-in sockets, then (for a landed transaction) a portfolio re-read. */
export interface TrackedStatusSink {
  readonly push: (wallet: WalletAddress, update: TrackedTransactionUpdate) => void;
  /** A fresh read of the wallet; its changes reach subscribers as `portfolio_update`. */
  readonly refreshPortfolio: (wallet: WalletAddress) => TE.TaskEither<AppError, unknown>;
}

