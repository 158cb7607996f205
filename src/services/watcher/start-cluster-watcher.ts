import * as E from 'fp-ts/Either';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { PublicClient } from 'viem';
import type { AppConfig } from '../../config/app-config';
import type { Registry } from '../../config/registry';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { Logger } from '../../infra/logging/logger';
import type { PriceFeed } from '../pricing/price-feed';
import type { TaskEither } from 'fp-ts/TaskEither';
import { makeAlertedWallets } from './alerted-wallets';
import type { WatchInterest } from './make-watch-interest';
import { makeMemoryLeaseStore } from './memory-lease-store';
import type { PriceTick } from './moved-prices';
import { priceTokensOf } from './price-tokens';
import { makeRedisLeaseStore } from './redis-lease-store';
import { startWatcher, type Watcher, type WatcherLoop } from './start-watcher';
import { makeViemWatchedChain } from './viem-watched-chain';

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
  readonly onLoopRun?: (loop: WatcherLoop) => void;
}

/**
 * Composition helper for main.ts (the one place here that names concrete adapters): the cluster's single watcher,
 * following blocks every WATCH_POLL_INTERVAL_MS, re-reading subscribed (and, with WATCH_ALERTED_WALLETS, alerted) wallets every WATCH_REREAD_INTERVAL_MS and
 * publishing moved prices every CACHE_TTL_PRICES seconds, on whichever worker holds the lease.
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
