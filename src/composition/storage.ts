import { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import { openDatabase, type Database } from '../infra/db/open-database';
import { makeRedisClient, waitForRedis } from '../infra/redis/make-redis-client';
import type { Logger } from '../services/ports/logger';

/** Where the app keeps its state: Postgres (embedded PGlite without DATABASE_URL) and, with REDIS_URL, Redis. */
export interface Storage {
  readonly database: Database;
  /** Undefined without REDIS_URL: caches, limits and locks are then per process. */
  readonly redis: Redis | undefined;
  /**
   * With REDIS_URL, a connection in subscriber mode (no key prefix: channels are not keys) for the cache's
   * invalidation channel; it queues its SUBSCRIBE until connected and re-subscribes after every reconnection.
   */
  readonly redisSubscriber: Redis | undefined;
}

/** How long the start waits for Redis before running degraded until it comes back. */
const REDIS_START_WAIT_MS = 3000;
/** QUIT waits for Redis to answer; if it is down, the shutdown gives up after this long instead of hanging. */
const REDIS_QUIT_GRACE_MS = 500;

/** Opens the database (migrated) and connects Redis when configured. */
export const openStorage = async (config: AppConfig, logger: Logger): Promise<Storage> => {
  const database = await openDatabase(config, logger);
  const redis =
    config.redis.url === undefined
      ? undefined
      : makeRedisClient({ url: config.redis.url, password: config.redis.password, keyPrefix: config.redis.keyPrefix, name: 'main' }, logger);
  if (redis !== undefined && !(await waitForRedis(redis, REDIS_START_WAIT_MS))) logger.warn('redis is not reachable at start: running degraded until it is');
  const redisSubscriber = config.redis.url === undefined ? undefined : makeSubscriber(config.redis.url, config.redis.password, logger);
  return { database, redis, redisSubscriber };
};

const makeSubscriber = (url: string, password: string | undefined, logger: Logger): Redis => {
  const subscriber = new Redis(url, {
    ...(password === undefined ? {} : { password }),
    connectionName: 'cache-invalidations',
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  subscriber.on('error', (cause: Error) => logger.debug('cache invalidation subscriber redis error', { cause: cause.message }));
  return subscriber;
};

/** QUIT, or a plain disconnect when Redis does not answer in time (a subscriber would queue the QUIT forever). */
const quitOrDrop = async (client: Redis): Promise<void> => {
  const grace = new Promise<void>((resolve) => setTimeout(resolve, REDIS_QUIT_GRACE_MS).unref());
  await Promise.race([client.quit().catch(() => undefined), grace]).finally(() => client.disconnect());
};

/** Closes Redis (QUIT, or a plain disconnect when it does not answer in time) and then the database; never rejects. */
export const closeStorage = async ({ database, redis, redisSubscriber }: Storage, logger: Logger): Promise<void> => {
  await Promise.all([redis, redisSubscriber].filter((client) => client !== undefined).map(quitOrDrop));
  await database.close().catch((cause: unknown) => logger.warn('closing the database failed', { cause }));
};

/** One line for the start log: which database and which cache this process runs on. */
export const describeStorage = ({ database, redis }: Storage, config: AppConfig): string =>
  `storage: ${database.kind === 'embedded' ? `embedded Postgres (PGlite) in ${config.database.dataDir}` : 'Postgres (DATABASE_URL)'}; ` +
  `cache: ${redis === undefined ? 'in-process LRU (no REDIS_URL; limits are per process)' : 'Redis (REDIS_URL), in-process fallback while it is down'}`;
