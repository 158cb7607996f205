import * as TE from 'fp-ts/TaskEither';
import type { NonceStore } from './nonce-store';

export interface MemoryNonceStoreOptions {
  /** Oldest entries are dropped past this many, so a flood cannot grow the process without bound. */
  readonly maxEntries: number;
  readonly now: () => number;
}

/** Nonces in this process only (no Redis, or Redis down when the nonce was issued). Check-and-delete is synchronous, hence atomic. */
export const makeMemoryNonceStore = (options: MemoryNonceStoreOptions): NonceStore => {
  const expiries = new Map<string, number>();
  return {
    put: (nonce, ttlSeconds) =>
      TE.fromIO(() => {
        while (expiries.size >= options.maxEntries) {
          const oldest = expiries.keys().next();
          if (oldest.done === true) break;
          expiries.delete(oldest.value);
        }
        expiries.set(nonce, options.now() + ttlSeconds * 1000);
      }),
    consume: (nonce) =>
      TE.fromIO(() => {
        const expiry = expiries.get(nonce);
        expiries.delete(nonce);
        return expiry !== undefined && expiry > options.now();
      }),
  };
};
