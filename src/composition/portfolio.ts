import type { TaskEither } from 'fp-ts/TaskEither';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import type { Registry } from '../config/registry';
import type { AppError } from '../domain/app-error';
import type { WalletAddress } from '../domain/address/wallet-address';
import type { Portfolio } from '../domain/portfolio/portfolio';
import { makeSnapshotsRepository } from '../infra/db/snapshots-repository';
import { makeMemoryLock, makeRedisLock } from '../infra/lock/lock';
import type { PortfolioDeps } from '../services/portfolio/portfolio-deps';
import { makePortfolioHistoryService, type PortfolioHistoryService } from '../services/portfolio/portfolio-history';
import { makePortfolioQueries, type PortfolioQueries } from '../services/portfolio/portfolio-queries';
import { makePortfolioService, type PortfolioService } from '../services/portfolio/portfolio-service';
import type { SnapshotsRepository } from '../services/portfolio/ports';
import { resolveWallet } from '../services/portfolio/resolve-wallet';
import type { Cache } from '../services/ports/cache';
import type { Logger } from '../services/ports/logger';
import type { PriceFeed } from '../services/pricing/price-feed';
import type { Chain } from './chain';

export interface PortfolioWiring {
  readonly config: AppConfig;
  readonly registry: Registry;
  readonly chain: Chain;
  readonly priceFeed: PriceFeed;
  readonly cache: Cache;
  /** The cross-worker read lock lives in Redis when configured; in memory otherwise. */
  readonly redis: Redis | undefined;
  readonly pool: Pool;
  readonly logger: Logger;
  readonly now: () => Date;
  /** After every fresh chain read: alert evaluation and the realtime push. */
  readonly onFreshRead: (fresh: Portfolio, previous: Portfolio | null) => void;
}

export interface PortfolioSide {
  readonly service: PortfolioService;
  readonly history: PortfolioHistoryService;
  /** The use-cases as the routes call them (a wallet as the client wrote it). */
  readonly queries: PortfolioQueries;
  /** 0x or sei1 input → checksummed address (sei1 resolved on chain, the association cached). */
  readonly resolveWallet: (input: string) => TaskEither<AppError, WalletAddress>;
  readonly snapshots: SnapshotsRepository;
}

/** The portfolio side: fresh reads (cached, single flight, snapshots), history and performance from the snapshots. */
export const makePortfolio = (w: PortfolioWiring): PortfolioSide => {
  const { config, registry } = w;
  const snapshots = makeSnapshotsRepository(w.pool);
  const deps: PortfolioDeps = {
    registry,
    chain: w.chain.wallets,
    resolveSeiAddress: w.chain.resolveSeiAddress,
    priceFeed: w.priceFeed,
    cache: w.cache,
    lock: w.redis === undefined ? makeMemoryLock() : makeRedisLock(w.redis),
    snapshots,
    logger: w.logger,
    portfolioTtlSeconds: config.cacheTtlSeconds.portfolio,
    snapshotMinIntervalSeconds: config.snapshots.minIntervalSeconds,
    maxExtraTokens: config.chain.maxExtraTokens,
    now: w.now,
    onFreshRead: w.onFreshRead,
  };
  const service = makePortfolioService(deps);
  const history = makePortfolioHistoryService({ snapshots, chainId: registry.chainId, now: w.now });
  const resolve = resolveWallet(deps);
  return {
    service,
    history,
    queries: makePortfolioQueries({ portfolio: service, history, resolveWallet: resolve, maxExtraTokens: config.chain.maxExtraTokens }),
    resolveWallet: resolve,
    snapshots,
  };
};
