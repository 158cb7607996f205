import type { TrackedAction } from './decode-tracked-action';
import type { TrackedStatus, TrackedTransaction } from './tracked-transaction';

/** API.md's shape of a tracked transaction (`GET /api/tx/:hash`, the items of `GET /api/tx`). */
export interface TrackedTransactionView {
  readonly hash: string;
  /** The signed-in wallet: a transaction seen from another sender is never kept. */
  readonly from: string;
  /** Null until the node has seen the transaction (and for a contract creation). */
  readonly to: string | null;
  readonly status: TrackedStatus;
  readonly blockNumber?: number;
  /** A decimal string, like every on-chain quantity of the API. */
  readonly gasUsed?: string;
  readonly action?: TrackedAction;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const toTrackedTransactionView = (tx: TrackedTransaction): TrackedTransactionView => ({
  hash: tx.hash,
  from: tx.from ?? tx.wallet,
  to: tx.to,
  status: tx.status,
  ...(tx.blockNumber === null ? {} : { blockNumber: Number(tx.blockNumber) }),
  ...(tx.gasUsed === null ? {} : { gasUsed: tx.gasUsed.toString() }),
  ...(tx.action === null ? {} : { action: tx.action }),
  createdAt: tx.createdAt.toISOString(),
  updatedAt: tx.updatedAt.toISOString(),
});
