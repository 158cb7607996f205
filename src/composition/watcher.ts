import * as E from 'fp-ts/Either';
import type { TaskEither } from 'fp-ts/TaskEither';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { PublicClient } from 'viem';
import { makeViemWatchedChain } from '../adapters/chain/viem-watched-chain';
import type { AppConfig } from '../config/app-config';
import type { Registry } from '../config/registry';
import type { AppError } from '../domain/app-error';
import type { WalletAddress } from '../domain/address/wallet-address';
import type { Portfolio } from '../domain/portfolio/portfolio';
import { makeAlertedWallets } from '../infra/db/alerted-wallets';
import { makeMemoryInterestSet } from '../infra/interest/memory-interest-set';
import { makeRedisInterestSet } from '../infra/interest/redis-interest-set';
import { makeMemoryLeaseStore } from '../infra/lock/memory-lease-store';
import { makeRedisLeaseStore } from '../infra/lock/redis-lease-store';
import type { Logger } from '../services/ports/logger';
import type { PriceFeed } from '../services/pricing/price-feed';
import type { PriceTick } from '../services/watcher/moved-prices';
import type { InterestSet } from '../services/watcher/ports';
import { priceTokensOf } from '../services/watcher/price-tokens';
import { startWatcher, type Watcher, type WatcherLoop } from '../services/watcher/start-watcher';

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

export interface ClusterWatcherDeps {
  readonly config: AppConfig;
  /** The lease is in Redis when configured; without Redis this process is the only one, and leads. */
  readonly redis: Redis | undefined;
  readonly chain: PublicClient;
  /** Where the alerts are: wallets with alerts are watched too. */
  readonly pool: Pick<Pool, 'query'>;
  readonly registry: Registry;
  /** A fresh read that reaches subscribers through the portfolio's onFreshRead hook. */
  readonly refresh: (wallet: WalletAddress) => TaskEither<AppError, Portfolio>;
  readonly priceFeed: PriceFeed;
  readonly publishPrices: (moved: Readonly<Record<string, PriceTick>>) => void;
  readonly interest: WatchInterest;
  readonly logger: Logger;
  /** Told each time one of the watcher's loops has run (background_loop_runs_total). */
  readonly onLoopRun?: (loop: WatcherLoop) => void;
}

/**
 * The cluster's single watcher, following blocks every WATCH_POLL_INTERVAL_MS, re-reading subscribed (and, with
 * WATCH_ALERTED_WALLETS, alerted) wallets every WATCH_REREAD_INTERVAL_MS and publishing moved prices every
 * CACHE_TTL_PRICES seconds, on whichever worker holds the lease (in Redis, or in memory without it).
 */
export const startClusterWatcher = (deps: ClusterWatcherDeps): Watcher =>
  startWatcher({
    leases: deps.redis === undefined ? makeMemoryLeaseStore() : makeRedisLeaseStore(deps.redis),
    leaseTtlMs: deps.config.watcher.leaderTtlMs,
    chain: makeViemWatchedChain(deps.chain),
    wallets: deps.interest.wallets,
    ...(deps.config.watcher.watchAlertedWallets ? { alertedWallets: makeAlertedWallets(deps.pool) } : {}),
    prices: deps.interest.prices,
    refresh: async (wallet) => {
      const result = await deps.refresh(wallet)();
      if (E.isLeft(result)) deps.logger.debug('watched wallet not re-read', { wallet, cause: result.left });
    },
    priceFeed: deps.priceFeed,
    priceTokens: priceTokensOf(deps.registry),
    publishPrices: deps.publishPrices,
    pollIntervalMs: deps.config.watcher.pollIntervalMs,
    rereadIntervalMs: deps.config.watcher.rereadIntervalMs,
    priceIntervalMs: deps.config.cacheTtlSeconds.prices * 1000,
    logger: deps.logger,
    ...(deps.onLoopRun === undefined ? {} : { onLoopRun: deps.onLoopRun }),
  });
