import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import type { MonitoredCache } from '../infra/cache/cache';
import { makeRedisInvalidationBus } from '../infra/cache/invalidation-bus';
import { makeL1Copies } from '../infra/cache/l1-copies';
import { makeCache } from '../infra/cache/make-cache';
import { makeMemoryStore } from '../infra/cache/memory-store';
import { makeRedisStore } from '../infra/cache/redis-store';
import type { Metrics } from '../infra/metrics';
import type { HealthCheck } from '../services/health';
import type { Logger } from '../services/ports/logger';

/** Key spaces read on every request of a hot route: the portfolio (one entry per wallet and extra-token list). */
const L1_KEYSPACES = ['portfolio'];
/**
 * The L1's bound in cached JSON: ~1,600 DeFi wallets of ~10 KB; with their decoded objects and encoded answers a few
 * times that in memory, well inside PM2's 512 MB restart threshold.
 */
const L1_MAX_TEXT_BYTES = 16 * 1024 * 1024;

/**
 * The shared cache: Redis with an in-process LRU while Redis is down, or the LRU alone without REDIS_URL. With Redis,
 * portfolios are also kept decoded in process (L1), dropped on every worker through `subscriber` when one changes.
 */
export const makeAppCache = (
  config: AppConfig,
  redis: { readonly client: Redis; readonly subscriber: Redis } | undefined,
  logger: Logger,
  metrics: Metrics,
  nowMs?: () => number,
): MonitoredCache => {
  const memoryStore = makeMemoryStore(config.cacheMemoryMaxEntries, nowMs);
  if (redis === undefined) return makeCache(memoryStore, { logger, metrics });
  const bus = makeRedisInvalidationBus(redis.client, redis.subscriber, `${config.redis.keyPrefix}cache-invalidations`, logger);
  // Real time, not the injected clock: a copy lives exactly as long as its Redis entry, and Redis keeps real time.
  const l1 = makeL1Copies({ keyspaces: L1_KEYSPACES, maxEntries: config.cacheMemoryMaxEntries, maxTextBytes: L1_MAX_TEXT_BYTES, bus });
  return makeCache(makeRedisStore(redis.client), { logger, metrics, fallback: memoryStore, l1 });
};

/** `checks.cache` of /health: always up in memory; with Redis, whether it answers a PING. */
export const cacheHealth =
  (cache: MonitoredCache, redis: Redis | undefined): HealthCheck =>
  async () =>
    redis === undefined ? 'up' : (await cache.ping()) ? 'up' : 'down';
