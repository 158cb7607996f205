import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { makeRedisClient } from '../infra/redis/make-redis-client';
import type { Logger } from '../services/ports/logger';

export interface RedisAdapterOptions {
  readonly url: string;
  readonly password: string | undefined;
  /** Prefix of the pub/sub channels: workers with the same prefix share rooms. */
  readonly channelPrefix: string;
}

export interface RedisAdapterHandle {
  readonly adapter: ReturnType<typeof createAdapter>;
  readonly close: () => Promise<void>;
}

/**
 * The Socket.IO Redis adapter on two dedicated connections without keyPrefix (pub/sub channels are not keys, the
 * prefix goes into the channel names instead). The adapter does not catch its clients' promises, and the process
 * exits on an unhandled rejection, so it gets facades whose every command swallows (and logs) a Redis failure:
 * while Redis is down, broadcasts reach this worker's sockets only.
 */
const QUIT_GRACE_MS = 500;

/** QUIT, but never wait on a Redis that is down (the subscriber would queue the QUIT forever): then just drop it. */
const quitOrDrop = async (client: Redis): Promise<void> => {
  await Promise.race([client.quit().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, QUIT_GRACE_MS).unref())]);
  client.disconnect();
};

export const makeRedisAdapter = (options: RedisAdapterOptions, logger: Logger): RedisAdapterHandle => {
  const pub = makeRedisClient({ url: options.url, password: options.password, name: 'socket.io-pub' }, logger);
  // The subscriber queues its SUBSCRIBE until connected and re-subscribes after every reconnection.
  const sub = new Redis(options.url, {
    ...(options.password === undefined ? {} : { password: options.password }),
    connectionName: 'socket.io-sub',
    maxRetriesPerRequest: null,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
  });
  sub.on('error', (cause: Error) => logger.debug('socket.io subscriber redis error', { cause: cause.message }));
  let failures = 0;
  const swallow = (command: string) => (cause: unknown) => {
    failures += 1;
    if (failures === 1 || failures % 1000 === 0) logger.warn('socket.io redis adapter command failed: broadcasts stay local', { command, failures, cause });
  };
  const pubFacade = {
    publish: (channel: string | Buffer, message: string | Buffer) => pub.publish(channel, message).catch(swallow('publish')),
    on: (event: string, listener: (...args: unknown[]) => void) => pub.on(event, listener),
    off: (event: string, listener: (...args: unknown[]) => void) => pub.off(event, listener),
  };
  const channels = (xs: string | ReadonlyArray<string>): string[] => (typeof xs === 'string' ? [xs] : [...xs]);
  const subFacade = {
    psubscribe: (patterns: string | ReadonlyArray<string>) => sub.psubscribe(...channels(patterns)).catch(swallow('psubscribe')),
    punsubscribe: (patterns: string | ReadonlyArray<string>) => sub.punsubscribe(...channels(patterns)).catch(swallow('punsubscribe')),
    subscribe: (names: string | ReadonlyArray<string>) => sub.subscribe(...channels(names)).catch(swallow('subscribe')),
    unsubscribe: (names: string | ReadonlyArray<string>) => sub.unsubscribe(...channels(names)).catch(swallow('unsubscribe')),
    on: (event: string, listener: (...args: unknown[]) => void) => sub.on(event, listener),
    off: (event: string, listener: (...args: unknown[]) => void) => sub.off(event, listener),
  };
  return {
    adapter: createAdapter(pubFacade, subFacade, { key: `${options.channelPrefix}socket.io` }),
    close: async () => {
      await Promise.all([pub, sub].map(quitOrDrop));
    },
  };
};
