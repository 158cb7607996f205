import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { memoryRateLimit, type HttpRateLimit } from '../http/middleware/rate-limit';
import { makeFailOpenStore } from '../infra/rate-limit/fail-open-store';
import { makeLeasedRedisStore } from '../infra/rate-limit/leased-redis-store';
import { makeRateLimitRedisStore } from '../infra/rate-limit/redis-store';

export interface HttpRateLimits {
  /** Every /api request: counted in Redis in leases, no round trip per request (docs/adr/011). */
  readonly api: HttpRateLimit;
  /** /api/ai and POST /refresh: few and costly, so counted exactly in Redis, one round trip each. */
  readonly ai: HttpRateLimit;
  readonly refresh: HttpRateLimit;
}

/** The HTTP rate limits, shared by every worker through Redis when configured (in memory while it is down). */
export const makeHttpRateLimits = (config: AppConfig, redis: Redis | undefined): HttpRateLimits => {
  const { rateLimit } = config;
  if (redis === undefined) {
    return {
      api: memoryRateLimit(rateLimit.max, rateLimit.windowMs),
      ai: memoryRateLimit(rateLimit.aiMax, rateLimit.aiWindowMs),
      refresh: memoryRateLimit(rateLimit.refreshPerMinute, 60_000),
    };
  }
  const isRedisUp = () => redis.status === 'ready';
  return {
    api: { store: makeFailOpenStore(makeLeasedRedisStore({ redis, prefix: 'rl:api:' }), isRedisUp), limit: rateLimit.max, windowMs: rateLimit.windowMs },
    ai: { store: makeFailOpenStore(makeRateLimitRedisStore(redis, 'rl:ai:'), isRedisUp), limit: rateLimit.aiMax, windowMs: rateLimit.aiWindowMs },
    refresh: { store: makeFailOpenStore(makeRateLimitRedisStore(redis, 'rl:refresh:'), isRedisUp), limit: rateLimit.refreshPerMinute, windowMs: 60_000 },
  };
};
