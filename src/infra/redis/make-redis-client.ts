import { Redis } from 'ioredis';
import type { Logger } from '../../services/ports/logger';

export interface RedisClientOptions {
  readonly url: string;
  readonly password: string | undefined;
  readonly keyPrefix?: string;
  readonly commandTimeoutMs?: number;
  readonly name: string;
}

/**
 * A Redis connection that fails fast while Redis is down (no offline queue, short command timeout)
 * and reconnects by itself with capped backoff when it returns.
 */
export const makeRedisClient = (options: RedisClientOptions, logger: Logger): Redis => {
  const redis = new Redis(options.url, {
    ...(options.password === undefined ? {} : { password: options.password }),
    ...(options.keyPrefix === undefined ? {} : { keyPrefix: options.keyPrefix }),
    connectionName: options.name,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  let wasReady = false;
  redis.on('ready', () => {
    if (wasReady) logger.info('redis connection restored', { connection: options.name });
    wasReady = true;
  });
  redis.on('error', (cause: Error) => {
    if (wasReady) logger.warn('redis error', { connection: options.name, cause: cause.message });
  });
  redis.on('end', () => logger.info('redis connection closed', { connection: options.name }));
  return redis;
};

/** Resolves when the client is ready, or after `timeoutMs` (the app starts degraded rather than not at all). */
export const waitForRedis = (redis: Redis, timeoutMs: number): Promise<boolean> =>
  redis.status === 'ready'
    ? Promise.resolve(true)
    : new Promise((resolve) => {
        const timer = setTimeout(() => {
          redis.off('ready', onReady);
          resolve(false);
        }, timeoutMs);
        const onReady = () => {
          clearTimeout(timer);
          resolve(true);
        };
        redis.once('ready', onReady);
      });
