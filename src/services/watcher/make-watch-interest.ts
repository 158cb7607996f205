import type { Redis } from 'ioredis';
import type { Logger } from '../../infra/logging/logger';
import { makeMemoryInterestSet, type InterestSet } from './interest-set';
import { makeRedisInterestSet } from './redis-interest-set';

/** What the cluster listens for: subscribed wallets, and whether anyone wants prices. */
export interface WatchInterest {
  readonly wallets: InterestSet;
  readonly prices: InterestSet;
}

/** Shared through Redis when configured (every worker's subscribers count), in memory otherwise. */
export const makeWatchInterest = (redis: Redis | undefined, logger: Logger): WatchInterest =>
  redis === undefined
    ? { wallets: makeMemoryInterestSet(), prices: makeMemoryInterestSet() }
    : { wallets: makeRedisInterestSet(redis, logger, { name: 'wallets' }), prices: makeRedisInterestSet(redis, logger, { name: 'prices' }) };
