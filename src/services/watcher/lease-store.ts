/**
 * A named lease held by one owner at a time, expiring unless renewed: the leader lock's storage.
 * Implementations: Redis (shared by every worker) and memory (one process without Redis).
 */
export interface LeaseStore {
  /** Takes the lease if nobody holds it; true when `owner` holds it now. */
  readonly acquire: (name: string, owner: string, ttlMs: number) => Promise<boolean>;
  /** Extends the lease if `owner` still holds it; false when it was lost (expired and taken, or deleted). */
  readonly renew: (name: string, owner: string, ttlMs: number) => Promise<boolean>;
  /** Gives the lease up if `owner` holds it, so another can take it at once. */
  readonly release: (name: string, owner: string) => Promise<void>;
}
