import { LRUCache } from 'lru-cache';
import type { RawStore } from './store';

/** An in-process LRU store with per-entry TTL. */
export const makeMemoryStore = (maxEntries: number): RawStore => {
  const lru = new LRUCache<string, string>({ max: maxEntries });
  return {
    kind: 'memory',
    get: async (key) => lru.get(key) ?? null,
    set: async (key, value, ttlSeconds) => {
      lru.set(key, value, { ttl: Math.max(1, ttlSeconds) * 1000 });
    },
    delete: async (key) => {
      lru.delete(key);
    },
    isUp: () => true,
    ping: async () => true,
    size: () => lru.size,
  };
};
