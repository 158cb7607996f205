import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

export type RateDecision = { readonly allowed: true; readonly remaining: number } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** A fixed-window counter per key. Shared through Redis when given one; per process otherwise or while Redis is down. */
export interface RateLimiter {
  readonly consume: (key: string, points?: number) => Promise<RateDecision>;
  readonly limit: number;
}

export interface RateLimiterOptions {
  readonly name: string;
  readonly points: number;
  readonly windowMs: number;
  readonly redis?: Redis;
}

/** Builds a limiter; with Redis, counters hold across PM2 workers and an in-memory insurance limiter covers outages. */
export const makeRateLimiter = (options: RateLimiterOptions): RateLimiter => {
  const base = { keyPrefix: `rl:${options.name}`, points: options.points, duration: Math.max(1, Math.ceil(options.windowMs / 1000)) };
  const memory = new RateLimiterMemory(base);
  const limiter =
    options.redis === undefined
      ? memory
      : new RateLimiterRedis({ ...base, storeClient: options.redis, rejectIfRedisNotReady: true, insuranceLimiter: memory });
  return {
    limit: options.points,
    consume: async (key, points = 1) => {
      try {
        const res = await limiter.consume(key, points);
        return { allowed: true, remaining: res.remainingPoints };
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) };
        throw rejection;
      }
    },
  };
};
