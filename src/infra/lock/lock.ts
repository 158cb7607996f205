import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Lock } from '../../services/portfolio/ports';

const RELEASE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

/** SET NX PX with an owner token; released only by its owner. While Redis is down it grants the lock (degrade to per-process). */
export const makeRedisLock = (redis: Redis): Lock => ({
  tryAcquire: async (key, ttlMs) => {
    const token = randomBytes(12).toString('hex');
    try {
      const ok = await redis.set(`lock:${key}`, token, 'PX', ttlMs, 'NX');
      if (ok !== 'OK') return null;
    } catch {
      return () => Promise.resolve();
    }
    return async () => {
      await redis.eval(RELEASE_IF_OWNER, 1, `lock:${key}`, token).catch(() => undefined);
    };
  },
});

/** A process-local lock, for a single process without Redis. */
export const makeMemoryLock = (): Lock => {
  const held = new Map<string, number>();
  return {
    tryAcquire: (key, ttlMs) => {
      const until = held.get(key);
      if (until !== undefined && until > Date.now()) return Promise.resolve(null);
      held.set(key, Date.now() + ttlMs);
      return Promise.resolve(() => {
        held.delete(key);
        return Promise.resolve();
      });
    },
  };
};
