import type { WalletAddress } from '../../domain/address/wallet-address';

/** An inclusive block span, as eth_getLogs takes it. */
export interface BlockRange {
  readonly fromBlock: bigint;
  readonly toBlock: bigint;
}

/**
 * The chain as the watcher needs it: the head block, and which of `wallets` sent or received a token
 * (an ERC-20 or ERC-721 `Transfer` log) in a block range. Both reject when the RPC fails.
 * Filled by adapters/chain/viem-watched-chain.ts.
 */
export interface WatchedChain {
  readonly headBlock: () => Promise<bigint>;
  readonly touchedWallets: (range: BlockRange, wallets: ReadonlyArray<WalletAddress>) => Promise<ReadonlySet<WalletAddress>>;
}

/**
 * A named lease held by one owner at a time, expiring unless renewed: the leader lock's storage.
 * Filled by infra/lock: Redis (shared by every worker) and memory (one process without Redis).
 */
export interface LeaseStore {
  /** Takes the lease if nobody holds it; true when `owner` holds it now. */
  readonly acquire: (name: string, owner: string, ttlMs: number) => Promise<boolean>;
  /** Extends the lease if `owner` still holds it; false when it was lost (expired and taken, or deleted). */
  readonly renew: (name: string, owner: string, ttlMs: number) => Promise<boolean>;
  /** Gives the lease up if `owner` holds it, so another can take it at once. */
  readonly release: (name: string, owner: string) => Promise<void>;
}

/**
 * What the cluster is listening for (subscribed wallets, price subscribers): every worker adds and removes its own
 * sockets' interests, and the one watcher lists the union. Filled by infra/interest: Redis, or memory for one process.
 */
export interface InterestSet {
  /** One more local subscriber for `member`. */
  readonly add: (member: string) => void;
  /** One fewer local subscriber for `member`. */
  readonly remove: (member: string) => void;
  /** Members with at least one subscriber somewhere in the cluster (rejects when the shared store is unreachable). */
  readonly list: () => Promise<ReadonlyArray<string>>;
  /** Members with a subscriber in this process. */
  readonly local: () => ReadonlyArray<string>;
  readonly stop: () => void;
}
