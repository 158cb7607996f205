/**
 * When each watched wallet is next re-read: at once when first seen (its subscriber's snapshot may come from a cache
 * up to CACHE_TTL_PORTFOLIO old, and the block scan only covers blocks after it started watching), then one interval
 * after each read, most overdue first. Plain state, driven by the caller's clock, so it is tested without timers.
 */
export interface RereadSchedule<K extends string = string> {
  /** Replaces the watched set: new wallets are due at once, gone ones are forgotten. */
  readonly track: (wallets: ReadonlyArray<K>, now: number) => void;
  /** Wallets whose interval has passed, most overdue first, at most `limit`. */
  readonly due: (now: number, limit: number) => ReadonlyArray<K>;
  readonly markRead: (wallet: K, now: number) => void;
  /** Makes every tracked wallet due (after a gap in the block scan). */
  readonly expireAll: () => void;
}

export const makeRereadSchedule = <K extends string = string>(intervalMs: number): RereadSchedule<K> => {
  const lastReadAt = new Map<K, number>();
  return {
    track: (wallets, now) => {
      const current = new Set(wallets);
      for (const wallet of [...lastReadAt.keys()]) if (!current.has(wallet)) lastReadAt.delete(wallet);
      for (const wallet of wallets) if (!lastReadAt.has(wallet)) lastReadAt.set(wallet, now - intervalMs);
    },
    due: (now, limit) =>
      [...lastReadAt.entries()]
        .filter(([, at]) => now - at >= intervalMs)
        .sort(([, a], [, b]) => a - b)
        .slice(0, limit)
        .map(([wallet]) => wallet),
    markRead: (wallet, now) => {
      if (lastReadAt.has(wallet)) lastReadAt.set(wallet, now);
    },
    expireAll: () => {
      for (const wallet of lastReadAt.keys()) lastReadAt.set(wallet, Number.NEGATIVE_INFINITY);
    },
  };
};
