import { pipe } from 'fp-ts/function';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { AppError } from '../../domain/app-error';
import type { TokenAddress } from '../../domain/address/token-address';
import type { Cache } from '../ports/cache';
import type { ChartPoint, ChartTarget, CoinGeckoApi, CoinGeckoError } from './coingecko-api';
import { coinGeckoErrorToAppError } from './coingecko-error-to-app-error';
import { daysOfRange, type PriceRange } from './price-range';
import type { ChainId } from '../../domain/address/chain-id';

/** Whose history: a CoinGecko coin id, or a contract address (checksummed) on the chain's platform. */
export type HistoryToken = { readonly kind: 'coin'; readonly id: string } | { readonly kind: 'contract'; readonly address: TokenAddress };

export interface PricePoint {
  /** ISO-8601 UTC. */
  readonly timestamp: string;
  readonly usd: number;
}

export interface PriceHistory {
  /** The coin id, or the checksummed address. */
  readonly token: string;
  readonly range: PriceRange;
  readonly points: ReadonlyArray<PricePoint>;
  /** When this copy was fetched from CoinGecko. */
  readonly cachedAt: string;
  /** True when CoinGecko failed and an older copy is served. */
  readonly stale: boolean;
  readonly ageSeconds?: number;
}

export interface PriceHistoryService {
  /**
   * The USD history of a token over a range; fails only when CoinGecko fails and no copy was ever stored: 503
   * UpstreamUnavailable (with CoinGecko's Retry-After when it sent one), 502 UpstreamBadResponse, 404 NotFound.
   */
  readonly getPriceHistory: (token: HistoryToken, range: PriceRange) => TE.TaskEither<AppError, PriceHistory>;
}

export interface PriceHistoryDeps {
  /** The CoinGecko API, normally guarded by the circuit breaker. */
  readonly api: CoinGeckoApi;
  readonly cache: Cache;
  readonly chainId: ChainId;
  readonly platform: string;
  /** How long a fetched history is served without asking again; 300 by default. */
  readonly ttlSeconds?: number;
  /** How long a copy is kept to serve, marked stale, while CoinGecko fails; 7 days by default. */
  readonly lastKnownTtlSeconds?: number;
  readonly now?: () => number;
}

const StoredHistory = t.type({ points: t.array(t.type({ timestamp: t.string, usd: t.number })), fetchedAt: t.number });
type StoredHistory = t.TypeOf<typeof StoredHistory>;

const toPoints = (points: ReadonlyArray<ChartPoint>): StoredHistory['points'] =>
  points.map((p) => ({ timestamp: new Date(p.timestampMs).toISOString(), usd: p.usd }));

/** Worth serving an older copy for: CoinGecko could not answer, as opposed to saying the coin does not exist. */
const isOutage = (e: CoinGeckoError): boolean => e._tag !== 'UpstreamNotFound';

/**
 * Price history from CoinGecko market charts, cached per token and range (concurrent callers share one
 * request), with a long-lived copy served stale while CoinGecko fails.
 */
export const makePriceHistoryService = (deps: PriceHistoryDeps): PriceHistoryService => {
  const now = deps.now ?? Date.now;
  const ttl = deps.ttlSeconds ?? 300;
  const lastKnownTtl = deps.lastKnownTtlSeconds ?? 7 * 24 * 3600;

  const getPriceHistory = (token: HistoryToken, range: PriceRange): TE.TaskEither<AppError, PriceHistory> => {
    const label = token.kind === 'coin' ? token.id : token.address;
    const ref = token.kind === 'coin' ? `id:${token.id}` : `contract:${token.address.toLowerCase()}`;
    const freshKey = `prices:history:v1:${deps.chainId}:${ref}:${range}`;
    const lastKnownKey = `prices:history:last:v1:${deps.chainId}:${ref}:${range}`;
    const target: ChartTarget = token.kind === 'coin' ? { kind: 'coin', id: token.id } : { kind: 'contract', platform: deps.platform, address: token.address };

    const fetchHistory: TE.TaskEither<CoinGeckoError, StoredHistory> = pipe(
      deps.api.marketChart(target, daysOfRange[range]),
      TE.map((points) => ({ points: toPoints(points), fetchedAt: now() })),
      TE.tap((stored) => TE.fromTask(deps.cache.set(lastKnownKey, stored, lastKnownTtl, StoredHistory))),
    );
    const view = (stored: StoredHistory, stale: boolean): PriceHistory => ({
      token: label,
      range,
      points: stored.points,
      cachedAt: new Date(stored.fetchedAt).toISOString(),
      stale,
      ...(stale ? { ageSeconds: Math.max(0, Math.floor((now() - stored.fetchedAt) / 1000)) } : {}),
    });

    return pipe(
      deps.cache.getOrCompute(freshKey, ttl, StoredHistory, fetchHistory),
      TE.map((stored) => view(stored, false)),
      TE.orElse((e) =>
        isOutage(e)
          ? pipe(
              TE.fromTask(deps.cache.get(lastKnownKey, StoredHistory)),
              TE.flatMap(O.match(() => TE.left(e), (stored) => TE.right(view(stored, true)))),
            )
          : TE.left(e),
      ),
      TE.mapLeft((e) => coinGeckoErrorToAppError(e, 'price history')),
    );
  };

  return { getPriceHistory };
};
