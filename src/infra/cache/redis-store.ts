import type { Redis } from 'ioredis';
import type { RawStore } from './store';

/** A store on a Redis connection (the client carries the key prefix and command timeout). */
export const makeRedisStore = (redis: Redis): RawStore => ({
  kind: 'redis',
  get: (key) => redis.get(key),
  getWithTtl: async (key) => {
    const replies = (await redis.pipeline().get(key).pttl(key).exec()) ?? [];
    const failed = replies.find(([error]) => error !== null)?.[0];
    if (failed !== undefined && failed !== null) throw failed;
    const text = replies[0]?.[1];
    const ttlMs = replies[1]?.[1];
    return typeof text === 'string' && typeof ttlMs === 'number' && ttlMs > 0 ? { text, ttlMs } : null;
  },
  set: async (key, value, ttlSeconds) => {
    await redis.set(key, value, 'EX', Math.max(1, Math.ceil(ttlSeconds)));
  },
  delete: async (key) => {
    await redis.del(key);
  },
  isUp: () => redis.status === 'ready',
  ping: async () => {
    try {
      return (await redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  },
});
