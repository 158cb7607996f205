import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type { TokenRef } from '../../domain/tokens/token-ref';
import type { Cache } from '../ports/cache';
import type { Logger } from '../ports/logger';
import type { CoinGeckoApi, CoinGeckoError, CoinQuote } from './coingecko-api';
import { makeInFlightBatches, type BatchResults } from './in-flight-batches';
import { FreshEntry, LastKnownEntry } from './price-cache-entries';
import type { Price, PriceFeed } from './price-feed';
import type { ChainId } from '../../domain/address/chain-id';

export interface CoinGeckoPriceFeedDeps {
  /** The CoinGecko API, normally guarded by the circuit breaker. */
  readonly api: CoinGeckoApi;
  readonly cache: Cache;
  readonly logger: Logger;
  /** Part of every cache key, so networks never share entries. */
  readonly chainId: ChainId;
  /** CoinGecko asset platform of the chain's contracts (`sei-v2`). */
  readonly platform: string;
  /** How long a fetched price (or "CoinGecko does not know it") is served without asking again. */
  readonly ttlSeconds: number;
  /** How long the last known price of a token is kept to serve, marked stale, while CoinGecko fails. 7 days by default. */
  readonly lastKnownTtlSeconds?: number;
  readonly now?: () => number;
}

/** Where CoinGecko prices a token: by contract address (with the coin id as a second chance) or by coin id. */
interface QuoteSource {
  readonly address: string | null;
  readonly id: string | null;
}

type QuoteResult = E.Either<CoinGeckoError, CoinQuote | null>;

const LAST_KNOWN_TTL_SECONDS = 7 * 24 * 3600;

const sourceOf = (token: TokenRef): QuoteSource | undefined => {
  const address = token.address?.toLowerCase() ?? null;
  const id = token.coingeckoId?.trim().toLowerCase() || null;
  return address === null && id === null ? undefined : { address, id };
};

const sourceKeyOf = (source: QuoteSource): string =>
  source.address === null ? `id:${source.id}` : source.id === null ? `contract:${source.address}` : `contract:${source.address}+id:${source.id}`;

const lookup = (answer: E.Either<CoinGeckoError, ReadonlyMap<string, CoinQuote>>, key: string | null): QuoteResult =>
  key === null ? E.right(null) : E.map((quotes: ReadonlyMap<string, CoinQuote>) => quotes.get(key) ?? null)(answer);

/** The contract price first; the coin id answers when the contract is unknown to CoinGecko or its request failed. */
const resolveQuote = (byContract: QuoteResult, byId: QuoteResult, source: QuoteSource): QuoteResult => {
  if (source.address === null) return byId;
  if (E.isRight(byContract) && byContract.right !== null) return byContract;
  if (source.id === null) return byContract;
  if (E.isRight(byId) && byId.right !== null) return byId;
  return E.isLeft(byContract) ? byContract : byId;
};

const describeFailure = (e: CoinGeckoError): string => (e._tag === 'UpstreamUnavailable' ? e.reason : e._tag);

/**
 * The CoinGecko `PriceFeed`. Prices are cached per token for `ttlSeconds` (unknown tokens too);
 * the missing ones are fetched in one request per endpoint, shared by every concurrent caller in
 * the process. When CoinGecko fails (or its circuit is open) the last known price is served with
 * `stale: true` and its age; a token with no price at all is left out of the map.
 */
export const makeCoinGeckoPriceFeed = (deps: CoinGeckoPriceFeedDeps): PriceFeed => {
  const now = deps.now ?? Date.now;
  const lastKnownTtl = deps.lastKnownTtlSeconds ?? LAST_KNOWN_TTL_SECONDS;
  const freshKey = (sourceKey: string) => `prices:v1:${deps.chainId}:${sourceKey}`;
  const lastKnownKey = (sourceKey: string) => `prices:last:v1:${deps.chainId}:${sourceKey}`;

  const toPrice = (quote: CoinQuote, fetchedAt: number): Price => ({
    usd: quote.usd,
    change24h: quote.change24h,
    updatedAt: new Date(quote.lastUpdatedAt === null ? fetchedAt : quote.lastUpdatedAt * 1000).toISOString(),
    source: 'coingecko',
    stale: false,
  });

  const store = async (sourceKey: string, result: E.Either<CoinGeckoError, Price | null>, fetchedAt: number): Promise<void> => {
    if (E.isLeft(result)) return;
    const price = result.right;
    if (price === null) {
      await deps.cache.set(freshKey(sourceKey), { unpriced: true }, deps.ttlSeconds, FreshEntry)();
      return;
    }
    await Promise.all([
      deps.cache.set(freshKey(sourceKey), { price }, deps.ttlSeconds, FreshEntry)(),
      deps.cache.set(lastKnownKey(sourceKey), { price, fetchedAt }, lastKnownTtl, LastKnownEntry)(),
    ]);
  };

  // One request per endpoint for the whole batch; results are cached before the batch settles.
  const batches = makeInFlightBatches<QuoteSource, CoinGeckoError, Price | null>(async (entries): Promise<BatchResults<CoinGeckoError, Price | null>> => {
    const sources = entries.map(([, source]) => source);
    const addresses = sources.flatMap((s) => (s.address === null ? [] : [s.address]));
    const ids = sources.flatMap((s) => (s.id === null ? [] : [s.id]));
    const [byAddress, byId] = await Promise.all([deps.api.tokenPrices(deps.platform, addresses)(), deps.api.coinPrices(ids)()]);
    const fetchedAt = now();
    const results = new Map(
      entries.map(([key, source]) => {
        const quote = resolveQuote(lookup(byAddress, source.address), lookup(byId, source.id), source);
        return [key, E.map((q: CoinQuote | null) => (q === null ? null : toPrice(q, fetchedAt)))(quote)] as const;
      }),
    );
    await Promise.all([...results].map(([key, result]) => store(key, result, fetchedAt)));
    return results;
  });

  const readFresh = async (sourceKeys: ReadonlyArray<string>): Promise<ReadonlyMap<string, FreshEntry>> => {
    const found = await Promise.all(sourceKeys.map(async (key) => [key, await deps.cache.get(freshKey(key), FreshEntry)()] as const));
    return new Map(found.flatMap(([key, entry]) => (O.isSome(entry) ? [[key, entry.value] as const] : [])));
  };

  const readLastKnown = async (sourceKey: string): Promise<Price | undefined> => {
    const entry = await deps.cache.get(lastKnownKey(sourceKey), LastKnownEntry)();
    if (O.isNone(entry)) return undefined;
    return { ...entry.value.price, stale: true, ageSeconds: Math.max(0, Math.floor((now() - entry.value.fetchedAt) / 1000)) };
  };

  const getPrices: PriceFeed['getPrices'] = (tokens) => async () => {
    const planned = tokens.flatMap((token) => {
      const source = sourceOf(token);
      return source === undefined ? [] : [{ token, source, sourceKey: sourceKeyOf(source) }];
    });
    const sources = new Map(planned.map((p) => [p.sourceKey, p.source] as const));
    const fresh = await readFresh([...sources.keys()]);
    const prices = new Map<string, Price>();
    for (const [key, entry] of fresh) if ('price' in entry) prices.set(key, entry.price);

    const missing = [...sources].filter(([key]) => !fresh.has(key));
    if (missing.length > 0) {
      const loaded = await batches.load(missing);
      const failed: string[] = [];
      for (const [key] of missing) {
        const result = loaded.get(key);
        if (result === undefined || E.isLeft(result)) failed.push(key);
        else if (result.right !== null) prices.set(key, result.right);
      }
      const stale = await Promise.all(failed.map(async (key) => [key, await readLastKnown(key)] as const));
      for (const [key, price] of stale) if (price !== undefined) prices.set(key, price);
      const firstFailure = [...loaded.values()].find(E.isLeft);
      if (firstFailure !== undefined) {
        deps.logger.debug('coingecko prices unavailable: serving last known copies', {
          failed: failed.length,
          servedStale: stale.filter(([, price]) => price !== undefined).length,
          reason: describeFailure(firstFailure.left),
        });
      }
    }

    const byToken = new Map<string, Price>();
    for (const { token, sourceKey } of planned) {
      const price = prices.get(sourceKey);
      if (price !== undefined) byToken.set(token.key, price);
    }
    return byToken;
  };

  return { getPrices };
};
