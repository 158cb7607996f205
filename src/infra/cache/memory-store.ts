import { LRUCache } from 'lru-cache';
import type { RawStore } from './store';

/**
 * An in-process LRU store with per-entry TTL. `nowMs` is the clock the TTLs run on (milliseconds; real time by
 * default): a test that injects one expires entries by moving it, without waiting.
 */
export const makeMemoryStore = (maxEntries: number, nowMs?: () => number): RawStore => {
  const lru = new LRUCache<string, string>({ max: maxEntries, ...(nowMs === undefined ? {} : { perf: { now: nowMs }, ttlResolution: 0 }) });
  return {
    kind: 'memory',
    get: (key) => Promise.resolve(lru.get(key) ?? null),
    set: (key, value, ttlSeconds) => {
      lru.set(key, value, { ttl: Math.max(1, ttlSeconds) * 1000 });
      return Promise.resolve();
    },
    delete: (key) => {
      lru.delete(key);
      return Promise.resolve();
    },
    isUp: () => true,
    ping: () => Promise.resolve(true),
    size: () => lru.size,
  };
};
