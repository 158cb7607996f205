import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import type { MonitoredCache } from '../infra/cache/cache';
import { makeCache } from '../infra/cache/make-cache';
import { makeMemoryStore } from '../infra/cache/memory-store';
import { makeRedisStore } from '../infra/cache/redis-store';
import type { Metrics } from '../infra/metrics';
import type { HealthCheck } from '../services/health';
import type { Logger } from '../services/ports/logger';

/** The shared cache: Redis with an in-process LRU while Redis is down, or the LRU alone without REDIS_URL. */
export const makeAppCache = (config: AppConfig, redis: Redis | undefined, logger: Logger, metrics: Metrics, nowMs?: () => number): MonitoredCache => {
  const memoryStore = makeMemoryStore(config.cacheMemoryMaxEntries, nowMs);
  return redis === undefined ? makeCache(memoryStore, { logger, metrics }) : makeCache(makeRedisStore(redis), { logger, metrics, fallback: memoryStore });
};

/** `checks.cache` of /health: always up in memory; with Redis, whether it answers a PING. */
export const cacheHealth =
  (cache: MonitoredCache, redis: Redis | undefined): HealthCheck =>
  async () =>
    redis === undefined ? 'up' : (await cache.ping()) ? 'up' : 'down';
