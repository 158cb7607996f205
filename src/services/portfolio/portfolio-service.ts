import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { isChainUnavailable } from '../../domain/errors/chain-unavailable';
import { PortfolioCodec, type Portfolio } from '../../domain/portfolio/portfolio';
import { makeSingleFlight } from '../single-flight';
import type { PortfolioDeps } from './portfolio-deps';
import { readPortfolio } from './read-portfolio';
import { holdingsOf } from './snapshot-holdings';

export interface PortfolioService {
  /** The cached portfolio (with `cachedAt`), or one fresh read shared by every concurrent caller in the cluster. */
  readonly getPortfolio: (wallet: WalletAddress, extraTokens?: ReadonlyArray<Address>) => TE.TaskEither<AppError, Portfolio>;
  /** Reads the chain now, bypassing the cache, and always stores a snapshot. */
  readonly refresh: (wallet: WalletAddress) => TE.TaskEither<AppError, Portfolio>;
}

const LOCK_TTL_MS = 15_000;
const WAIT_FOR_PEER_MS = 10_000;
const POLL_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const makePortfolioService = (deps: PortfolioDeps): PortfolioService => {
  const flights = makeSingleFlight();
  const chainId = deps.registry.chainId;
  const keyOf = (wallet: string, extra: ReadonlyArray<string>) => `portfolio:${chainId}:${wallet}${extra.length > 0 ? `:${extra.join(',')}` : ''}`;
  const cached = (key: string) => deps.cache.get(key, PortfolioCodec)();

  /** A read with a failed protocol adapter is served (with its warning) but not stored: it would show as a dip in history. */
  const maybeSnapshot = async (portfolio: Portfolio, force: boolean): Promise<void> => {
    if (portfolio.warnings.some((w) => deps.chain.positionSources.has(w.source))) return;
    const now = deps.now();
    if (!force) {
      const last = await deps.snapshots.lastTakenAt(portfolio.walletAddress, chainId)();
      if (E.isLeft(last)) return;
      if (last.right !== null && now.getTime() - last.right.getTime() < deps.snapshotMinIntervalSeconds * 1000) return;
    }
    const inserted = await deps.snapshots.insert({
      wallet: portfolio.walletAddress,
      chainId,
      blockNumber: portfolio.blockNumber,
      takenAt: now,
      portfolio,
      holdings: holdingsOf(portfolio),
    })();
    if (E.isLeft(inserted)) deps.logger.warn('snapshot not stored', { wallet: portfolio.walletAddress, cause: inserted.left });
  };

  /** The stored copy when the chain cannot be read: the latest snapshot, flagged stale. */
  const staleFallback = async (wallet: WalletAddress, error: AppError): Promise<E.Either<AppError, Portfolio>> => {
    if (!isChainUnavailable(error)) return E.left(error);
    const latest = await deps.snapshots.latest(wallet, chainId)();
    if (E.isRight(latest) && latest.right !== null) {
      return E.right({ ...latest.right.portfolio, cachedAt: latest.right.takenAt.toISOString(), stale: true });
    }
    return E.left(error);
  };

  const readFresh = (wallet: WalletAddress, extra: ReadonlyArray<Address>, isRefresh: boolean): Promise<E.Either<AppError, Portfolio>> =>
    flights.run(`read:${keyOf(wallet, extra)}`, async () => {
      const key = keyOf(wallet, extra);
      const previous = await cached(key);
      const result = await readPortfolio(deps)(wallet, extra)();
      if (E.isLeft(result)) return staleFallback(wallet, result.left);
      const portfolio = result.right;
      await deps.cache.set(key, { ...portfolio, cachedAt: deps.now().toISOString() }, deps.portfolioTtlSeconds, PortfolioCodec)();
      if (extra.length === 0) {
        await maybeSnapshot(portfolio, isRefresh);
        deps.onFreshRead(portfolio, O.isSome(previous) ? previous.value : null);
      }
      return E.right(portfolio);
    });

  const readHoldingLock = async (release: () => Promise<void>, wallet: WalletAddress, extra: ReadonlyArray<Address>): Promise<E.Either<AppError, Portfolio>> => {
    try {
      return await readFresh(wallet, extra, false);
    } finally {
      await release();
    }
  };

  /** Across workers: one holds a short lock and reads; the others wait for its result in the shared cache. */
  const readOnceInCluster = async (wallet: WalletAddress, extra: ReadonlyArray<Address>): Promise<E.Either<AppError, Portfolio>> => {
    const key = keyOf(wallet, extra);
    const release = await deps.lock.tryAcquire(key, LOCK_TTL_MS);
    if (release !== null) return readHoldingLock(release, wallet, extra);
    const deadline = Date.now() + WAIT_FOR_PEER_MS;
    while (Date.now() < deadline) {
      await sleep(POLL_MS);
      const hit = await cached(key);
      if (O.isSome(hit)) return E.right(hit.value);
      // The peer let go without caching a copy (the chain could not be read): answer now, e.g. from the stored snapshot.
      const next = await deps.lock.tryAcquire(key, LOCK_TTL_MS);
      if (next === null) continue;
      const cachedMeanwhile = await cached(key);
      if (O.isNone(cachedMeanwhile)) return readHoldingLock(next, wallet, extra);
      await next();
      return E.right(cachedMeanwhile.value);
    }
    return readFresh(wallet, extra, false);
  };

  return {
    getPortfolio: (wallet, extraTokens = []) => async () => {
      const hit = await cached(keyOf(wallet, extraTokens));
      if (O.isSome(hit)) return E.right(hit.value);
      return flights.run(`cluster:${keyOf(wallet, extraTokens)}`, () => readOnceInCluster(wallet, extraTokens));
    },
    refresh: (wallet) => () => readFresh(wallet, [], true),
  };
};
