import type { Redis } from 'ioredis';
import { RedisStore, type RedisReply } from 'rate-limit-redis';

/** rate-limit-redis on our ioredis client: one Redis round trip per counted request, exact across workers. */
export const makeRateLimitRedisStore = (redis: Redis, prefix: string): RedisStore =>
  new RedisStore({
    prefix,
    sendCommand: (command: string, ...args: string[]) => redis.call(command, ...args) as Promise<RedisReply>,
  });
