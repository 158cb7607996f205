import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../../services/ports/logger';

/**
 * Tells every worker that a cached key changed, so each drops its in-process copy (the L1 of make-cache.ts).
 * `isLive` is false while this worker might miss a message (its subscriber is not connected); `epoch` moves on every
 * invalidation received and every reconnection, so a read that raced one can tell its answer may be old.
 */
export interface InvalidationBus {
  readonly publish: (key: string) => void;
  readonly onInvalidate: (listener: (key: string | undefined) => void) => void;
  readonly isLive: () => boolean;
  readonly epoch: () => number;
}

/**
 * Redis pub/sub on `channel` (channels are not keys: the key prefix goes into its name). `publisher` is the main
 * client; `subscriber` a dedicated connection in subscriber mode that re-subscribes by itself after a reconnection,
 * which this bus reports to its listeners as "everything may have changed" (key undefined).
 */
export const makeRedisInvalidationBus = (publisher: Redis, subscriber: Redis, channel: string, logger: Logger): InvalidationBus => {
  const origin = randomUUID();
  const listeners: Array<(key: string | undefined) => void> = [];
  let epoch = 0;
  let isSubscribed = false;
  const tell = (key: string | undefined) => {
    epoch += 1;
    for (const listener of listeners) listener(key);
  };
  subscriber.on('message', (from: string, message: string) => {
    if (from !== channel) return;
    const split = message.indexOf('\n');
    if (split < 0 || message.slice(0, split) === origin) return;
    tell(message.slice(split + 1));
  });
  subscriber.on('ready', () => tell(undefined));
  subscriber.subscribe(channel).then(
    () => {
      isSubscribed = true;
      tell(undefined);
    },
    (cause: unknown) => logger.warn('cache invalidation channel not subscribed: in-process copies stay off', { cause }),
  );
  return {
    publish: (key) => {
      publisher.publish(channel, `${origin}\n${key}`).catch((cause: unknown) => logger.warn('cache invalidation not published', { key, cause }));
    },
    onInvalidate: (listener) => listeners.push(listener),
    isLive: () => isSubscribed && subscriber.status === 'ready',
    epoch: () => epoch,
  };
};
