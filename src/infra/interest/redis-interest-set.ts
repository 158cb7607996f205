import type { Redis } from 'ioredis';
import type { Logger } from '../../services/ports/logger';
import type { InterestSet } from '../../services/watcher/ports';
import { makeLocalCounts } from './local-counts';

export interface RedisInterestSetOptions {
  /** Names the sorted set (`watch:<name>`). */
  readonly name: string;
  /** A member not re-announced for this long is dropped (its worker died or lost its subscribers). Default 30 s. */
  readonly ttlMs?: number;
  readonly now?: () => number;
}

const DEFAULT_TTL_MS = 30_000;

/**
 * An InterestSet shared through a Redis sorted set of member → expiry time. Each worker re-announces its local members
 * every ttl/3, so a crashed worker's interests fade within the TTL and nothing needs cluster-wide reference counts.
 */
export const makeRedisInterestSet = (redis: Redis, logger: Logger, options: RedisInterestSetOptions): InterestSet => {
  const key = `watch:${options.name}`;
  const ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
  const now = options.now ?? Date.now;
  const counts = makeLocalCounts();

  const announce = (members: ReadonlyArray<string>): void => {
    if (members.length === 0) return;
    const expiresAt = now() + ttlMs;
    redis.zadd(key, ...members.flatMap((m) => [expiresAt, m])).catch((cause: unknown) => logger.debug('interest not announced', { key, cause }));
  };
  const heartbeat = setInterval(() => announce(counts.members()), Math.max(10, Math.floor(ttlMs / 3)));
  heartbeat.unref();

  return {
    add: (member) => {
      if (counts.add(member)) announce([member]);
    },
    remove: counts.remove,
    list: async () => {
      const at = now();
      const [, live] = await Promise.all([redis.zremrangebyscore(key, '-inf', `(${at}`), redis.zrangebyscore(key, `(${at}`, '+inf')]);
      return live;
    },
    local: counts.members,
    stop: () => clearInterval(heartbeat),
  };
};
