import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { PublicClient } from 'viem';
import { makeTxObserver } from '../adapters/chain/observe-transactions';
import type { AppConfig } from '../config/app-config';
import type { Registry } from '../config/registry';
import type { KnownContracts } from '../domain/tx/track/decode-tracked-action';
import { makeTrackedTransactionsRepository } from '../infra/db/tracked-transactions-repository';
import { makeMemoryLeaseStore } from '../infra/lock/memory-lease-store';
import { makeRedisLeaseStore } from '../infra/lock/redis-lease-store';
import type { Metrics } from '../infra/metrics';
import type { TxTrackRouteDeps } from '../http/routes/tx-track-routes';
import type { RealtimePush } from '../realtime/realtime-push';
import type { Logger } from '../services/ports/logger';
import type { PortfolioService } from '../services/portfolio/portfolio-service';
import { startTxFollower, type TxFollower, type TxFollowerDeps } from '../services/tx/track/follow-transactions';
import { getTrackedTransaction, listTrackedTransactions } from '../services/tx/track/tracked-transaction-queries';
import { trackTransaction } from '../services/tx/track/track-transaction';

export interface TxTrackingWiring {
  readonly config: AppConfig;
  readonly registry: Registry;
  readonly pool: Pool;
  /** The lease of the one follower is in Redis when configured; without Redis this process is the only one. */
  readonly redis: Redis | undefined;
  readonly chain: PublicClient;
  readonly push: RealtimePush;
  readonly portfolio: PortfolioService;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly now: () => Date;
}

export interface TxTracking {
  /** What the routes call (tx-track-routes.ts; the token check is added by the HTTP composition). */
  readonly routes: Omit<TxTrackRouteDeps, 'auth'>;
  /** Starts campaigning for the follower lease; the follower reports its pending set to the tx_tracked_* gauges. */
  readonly startFollower: () => TxFollower;
}

/** The registry's contracts whose calls get an `action`. */
export const knownContractsOf = (registry: Registry): KnownContracts => {
  const { yei, dragonswapV2, dragonswapV1 } = registry.protocols;
  const aavePool = yei?.pool;
  const positionManager = dragonswapV2?.nonfungiblePositionManager;
  const swapRouter02 = dragonswapV2?.swapRouter02;
  const v1Router = dragonswapV1?.router;
  const wrappedNative = registry.wrappedNative;
  return {
    ...(aavePool === undefined ? {} : { aavePool }),
    ...(positionManager === undefined ? {} : { positionManager }),
    ...(swapRouter02 === undefined ? {} : { swapRouter02 }),
    ...(v1Router === undefined ? {} : { v1Router }),
    ...(wrappedNative === undefined ? {} : { wrappedNative }),
    tokens: registry.tokens.map((token) => token.address),
  };
};

/** Tracking sent transactions: Postgres rows, the node asked in batches, updates pushed to the wallet's sockets. */
export const makeTxTracking = (w: TxTrackingWiring): TxTracking => {
  const store = makeTrackedTransactionsRepository(w.pool);
  const deps: Omit<TxFollowerDeps, 'leases' | 'leaseTtlMs'> = {
    store,
    observer: makeTxObserver(w.chain),
    settings: w.config.txTracking,
    maxPendingPerWallet: w.config.txTracking.maxPendingPerWallet,
    known: knownContractsOf(w.registry),
    sink: { push: w.push.transactionUpdate, refreshPortfolio: w.portfolio.refresh },
    onPushed: (status) => w.metrics.txUpdates.inc({ status }),
    logger: w.logger,
    now: w.now,
  };
  return {
    routes: { track: trackTransaction(deps), get: getTrackedTransaction(store), list: listTrackedTransactions(store) },
    startFollower: () => {
      const follower = startTxFollower({
        ...deps,
        leases: w.redis === undefined ? makeMemoryLeaseStore() : makeRedisLeaseStore(w.redis),
        leaseTtlMs: w.config.watcher.leaderTtlMs,
        onRound: () => w.metrics.loopRuns.inc({ loop: 'tx_follow' }),
      });
      w.metrics.observeTrackedTransactions(follower.reading);
      return follower;
    },
  };
};
