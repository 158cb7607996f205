import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as T from 'fp-ts/Task';
import * as TE from 'fp-ts/TaskEither';
import { sequenceS } from 'fp-ts/Apply';
import type { TokenAddress } from '../../domain/address/token-address';
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
  readonly getPortfolio: (wallet: WalletAddress, extraTokens?: ReadonlyArray<TokenAddress>) => TE.TaskEither<AppError, Portfolio>;
  /** Reads the chain now, bypassing the cache, and always stores a snapshot. */
  readonly refresh: (wallet: WalletAddress) => TE.TaskEither<AppError, Portfolio>;
}

const LOCK_TTL_MS = 15_000;
const WAIT_FOR_PEER_MS = 10_000;
const POLL_MS = 50;

type Release = () => Promise<void>;

/** `read`, then `release` however it ended (a throw included). */
const releasingAfter =
  (release: Release) =>
  <A>(read: TE.TaskEither<AppError, A>): TE.TaskEither<AppError, A> =>
  () =>
    read().finally(release);

export const makePortfolioService = (deps: PortfolioDeps): PortfolioService => {
  const flights = makeSingleFlight();
  const chainId = deps.registry.chainId;
  const keyOf = (wallet: string, extra: ReadonlyArray<string>) => `portfolio:${chainId}:${wallet}${extra.length > 0 ? `:${extra.join(',')}` : ''}`;
  const cached = (key: string) => deps.cache.get(key, PortfolioCodec);
  const tryLock = (key: string): T.Task<Release | null> => () => deps.lock.tryAcquire(key, LOCK_TTL_MS);
  /** One run of `read` per key in this process at a time; concurrent callers share its answer. */
  const shared =
    <A>(key: string, read: TE.TaskEither<AppError, A>): TE.TaskEither<AppError, A> =>
    () =>
      flights.run(key, read);

  /**
   * Whether a fresh read is stored as a snapshot: never with a failed protocol adapter (it would show as a dip in
   * history), always on refresh, else at most once per snapshotMinIntervalSeconds.
   */
  const isDueForSnapshot = (portfolio: Portfolio, now: Date, force: boolean): TE.TaskEither<AppError, boolean> => {
    if (portfolio.warnings.some((w) => deps.chain.positionSources.has(w.source))) return TE.right(false);
    if (force) return TE.right(true);
    return pipe(
      deps.snapshots.lastTakenAt(portfolio.walletAddress, chainId),
      TE.map((last) => last === null || now.getTime() - last.getTime() >= deps.snapshotMinIntervalSeconds * 1000),
    );
  };

  /** Stores the snapshot when it is due; a failure to store is logged, never the caller's. */
  const snapshotIfDue = (portfolio: Portfolio, force: boolean): T.Task<void> => {
    const now = deps.now();
    const insert = pipe(
      deps.snapshots.insert({ wallet: portfolio.walletAddress, chainId, blockNumber: portfolio.blockNumber, takenAt: now, portfolio, holdings: holdingsOf(portfolio) }),
      TE.match(
        (cause) => deps.logger.warn('snapshot not stored', { wallet: portfolio.walletAddress, cause }),
        () => undefined,
      ),
    );
    return pipe(
      isDueForSnapshot(portfolio, now, force),
      TE.match(() => false, (due) => due),
      T.flatMap((due) => (due ? insert : T.of(undefined))),
    );
  };

  /** The stored copy when the chain cannot be read: the latest snapshot, flagged stale; else the error. */
  const staleFallback =
    (wallet: WalletAddress) =>
    (error: AppError): TE.TaskEither<AppError, Portfolio> =>
      !isChainUnavailable(error)
        ? TE.left(error)
        : pipe(
            deps.snapshots.latest(wallet, chainId),
            TE.mapLeft(() => error),
            TE.flatMap((latest) =>
              latest === null ? TE.left(error) : TE.right({ ...latest.portfolio, cachedAt: latest.takenAt.toISOString(), stale: true }),
            ),
          );

  /** After a fresh read: cache it; for the wallet's own tokens, snapshot it and tell the listeners (with the copy it replaces). */
  const recordFreshRead = (key: string, portfolio: Portfolio, previous: O.Option<Portfolio>, extra: ReadonlyArray<TokenAddress>, isRefresh: boolean): T.Task<void> =>
    pipe(
      deps.cache.set(key, { ...portfolio, cachedAt: deps.now().toISOString() }, deps.portfolioTtlSeconds, PortfolioCodec),
      T.flatMap(() => (extra.length === 0 ? snapshotIfDue(portfolio, isRefresh) : T.of(undefined))),
      T.map(() => {
        if (extra.length === 0) deps.onFreshRead(portfolio, O.toNullable(previous));
      }),
    );

  const readFresh = (wallet: WalletAddress, extra: ReadonlyArray<TokenAddress>, isRefresh: boolean): TE.TaskEither<AppError, Portfolio> => {
    const key = keyOf(wallet, extra);
    return shared(
      `read:${key}`,
      pipe(
        sequenceS(TE.ApplyPar)({ previous: TE.rightTask(cached(key)), portfolio: readPortfolio(deps)(wallet, extra) }),
        TE.matchE(staleFallback(wallet), ({ portfolio, previous }) =>
          pipe(
            recordFreshRead(key, portfolio, previous, extra, isRefresh),
            T.map(() => E.right(portfolio)),
          ),
        ),
      ),
    );
  };

  const readHoldingLock = (release: Release, wallet: WalletAddress, extra: ReadonlyArray<TokenAddress>) => releasingAfter(release)(readFresh(wallet, extra, false));

  /** The peer let go: what it cached meanwhile, else read now holding the lock (e.g. answering from the stored snapshot). */
  const afterPeer = (release: Release, wallet: WalletAddress, extra: ReadonlyArray<TokenAddress>): TE.TaskEither<AppError, Portfolio> =>
    pipe(
      cached(keyOf(wallet, extra)),
      T.flatMap(
        O.match(
          () => readHoldingLock(release, wallet, extra),
          (hit) => pipe(release, T.map(() => E.right(hit))),
        ),
      ),
    );

  /** Waits for the peer holding the lock: its cached copy, or the lock once it lets go; at the deadline, reads anyway. */
  const waitForPeer = (wallet: WalletAddress, extra: ReadonlyArray<TokenAddress>, deadline: number): TE.TaskEither<AppError, Portfolio> => {
    const key = keyOf(wallet, extra);
    const poll: TE.TaskEither<AppError, Portfolio> = pipe(
      T.delay(POLL_MS)(cached(key)),
      T.flatMap(
        O.match(
          () => pipe(tryLock(key), T.flatMap((next) => (next === null ? waitForPeer(wallet, extra, deadline) : afterPeer(next, wallet, extra)))),
          (hit) => TE.right(hit),
        ),
      ),
    );
    return pipe(
      T.fromIO(() => deps.now().getTime() < deadline),
      T.flatMap((isWaiting) => (isWaiting ? poll : readFresh(wallet, extra, false))),
    );
  };

  /** Across workers: one holds a short lock and reads; the others wait for its result in the shared cache. */
  const readOnceInCluster = (wallet: WalletAddress, extra: ReadonlyArray<TokenAddress>): TE.TaskEither<AppError, Portfolio> =>
    pipe(
      tryLock(keyOf(wallet, extra)),
      T.flatMap((release) => (release !== null ? readHoldingLock(release, wallet, extra) : waitForPeer(wallet, extra, deps.now().getTime() + WAIT_FOR_PEER_MS))),
    );

  return {
    getPortfolio: (wallet, extraTokens = []) => {
      const key = keyOf(wallet, extraTokens);
      return pipe(
        cached(key),
        T.flatMap(
          O.match(
            () => shared(`cluster:${key}`, readOnceInCluster(wallet, extraTokens)),
            (hit) => TE.right(hit),
          ),
        ),
      );
    },
    refresh: (wallet) => readFresh(wallet, [], true),
  };
};
