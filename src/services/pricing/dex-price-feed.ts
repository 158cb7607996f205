import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { TokenAddress } from '../../domain/address/token-address';
import type { TokenRef } from '../../domain/tokens/token-ref';
import type { Cache } from '../ports/cache';
import type { Logger } from '../ports/logger';
import type { Price, PriceFeed, PriceMap } from './price-feed';
import type { ChainId } from '../../domain/address/chain-id';

/** A pool's price and depth, as the chain adapter reads them (whole quote per whole token; depth in quote base units). */
export interface DexPoolQuote {
  readonly price: number;
  readonly quoteDepth: bigint;
}
export interface DexPoolQuery {
  readonly token: Address;
  readonly tokenDecimals: number;
  readonly quote: Address;
  readonly quoteDecimals: number;
  readonly fees: ReadonlyArray<number>;
}
/** Reads the live pools of each query in one chain round. */
export type ReadDexPools = (queries: ReadonlyArray<DexPoolQuery>) => TE.TaskEither<AppError, ReadonlyArray<ReadonlyArray<DexPoolQuote>>>;

/** A token prices are quoted against: a stablecoin (USDC) or the wrapped native token (WSEI). */
export interface QuoteToken extends TokenRef {
  readonly address: TokenAddress;
  readonly isStable: boolean;
}

export interface DexPriceFeedDeps {
  readonly readPools: ReadDexPools;
  readonly quotes: ReadonlyArray<QuoteToken>;
  /**
   * Prices the quote tokens (CoinGecko). Only a fresh price is trusted for WSEI: without one (unknown, or a stale copy
   * during an outage) WSEI is priced from its stable pools. A stablecoin without a fresh price keeps its stale copy,
   * or is taken at $1.
   */
  readonly quotePrices: PriceFeed;
  /** The token that stands for native SEI on the DEX (WSEI), if any. */
  readonly wrappedNative: QuoteToken | undefined;
  readonly minLiquidityUSD: number;
  readonly cache: Cache;
  readonly chainId: ChainId;
  readonly ttlSeconds: number;
  readonly logger: Logger;
  readonly now: () => Date;
}

const FEE_TIERS = [100, 500, 3000, 10000];
const DexEntry = t.union([t.type({ usd: t.number, updatedAt: t.string }), t.type({ none: t.literal(true) })]);

interface Candidate {
  readonly ref: TokenRef;
  readonly address: Address;
}

/**
 * On-chain fallback prices from DragonSwap V2: a token is priced from its deepest pool against a quote token whose
 * USD price is known, only when that pool's quote-side depth ×2 is at least `minLiquidityUSD`. All candidate pools
 * are read in one chain round; answers (priced or not) are cached for `ttlSeconds`. Marked `source: "dex"`.
 */
export const makeDexPriceFeed = (deps: DexPriceFeedDeps): PriceFeed => {
  const cacheKey = (key: string) => `dex-price:${deps.chainId}:${key}`;

  const quoteUsd = async (): Promise<Map<string, number>> => {
    const known = await deps.quotePrices.getPrices(deps.quotes)();
    return new Map(
      deps.quotes.flatMap((q): Array<[string, number]> => {
        const price = known.get(q.key);
        if (price !== undefined && !price.stale) return [[q.key, price.usd]];
        return q.isStable ? [[q.key, price?.usd ?? 1]] : [];
      }),
    );
  };

  const priceFromPools = async (candidates: ReadonlyArray<Candidate>): Promise<Map<string, number>> => {
    const usd = await quoteUsd();
    const stableQuotes = deps.quotes.filter((q) => q.isStable);
    const wrapped = deps.wrappedNative;
    const nativeTarget: ReadonlyArray<Candidate> = wrapped !== undefined && !usd.has(wrapped.key) ? [{ ref: wrapped, address: wrapped.address }] : [];
    const pairs = [
      ...nativeTarget.flatMap((target) => stableQuotes.map((quote) => ({ target, quote }))),
      ...candidates.flatMap((target) => deps.quotes.filter((q) => q.address.toLowerCase() !== target.address.toLowerCase()).map((quote) => ({ target, quote }))),
    ];
    const read = await deps.readPools(
      pairs.map((p) => ({ token: p.target.address, tokenDecimals: p.target.ref.decimals, quote: p.quote.address, quoteDecimals: p.quote.decimals, fees: FEE_TIERS })),
    )();
    if (E.isLeft(read)) {
      deps.logger.warn('DEX price read failed', { cause: read.left._tag });
      return new Map();
    }
    const best = new Map<string, { usd: number; depthUSD: number }>();
    const consider = (index: number) => {
      const pair = pairs[index];
      const quoteUsdPrice = pair === undefined ? undefined : usd.get(pair.quote.key);
      if (pair === undefined || quoteUsdPrice === undefined) return;
      for (const pool of read.right[index] ?? []) {
        const depthUSD = (2 * Number(pool.quoteDepth) * quoteUsdPrice) / 10 ** pair.quote.decimals;
        const current = best.get(pair.target.ref.key);
        if (depthUSD >= deps.minLiquidityUSD && (current === undefined || depthUSD > current.depthUSD)) {
          best.set(pair.target.ref.key, { usd: pool.price * quoteUsdPrice, depthUSD });
        }
      }
    };
    // The wrapped native token first: once priced it quotes the others.
    pairs.forEach((p, i) => p.target.ref.key === deps.wrappedNative?.key && consider(i));
    const native = deps.wrappedNative === undefined ? undefined : best.get(deps.wrappedNative.key);
    if (native !== undefined && deps.wrappedNative !== undefined && !usd.has(deps.wrappedNative.key)) usd.set(deps.wrappedNative.key, native.usd);
    pairs.forEach((p, i) => p.target.ref.key !== deps.wrappedNative?.key && consider(i));
    // Only prices read from pools leave this feed: a quote's CoinGecko price is never passed on as a DEX price.
    return new Map([...best.entries()].map(([key, v]) => [key, v.usd]));
  };

  return {
    getPrices: (tokens) => async (): Promise<PriceMap> => {
      const out = new Map<string, Price>();
      const misses: Candidate[] = [];
      for (const ref of tokens) {
        const address = ref.address ?? deps.wrappedNative?.address;
        if (address === undefined) continue;
        const cached = await deps.cache.get(cacheKey(ref.key), DexEntry)();
        if (O.isSome(cached)) {
          if ('usd' in cached.value) out.set(ref.key, { usd: cached.value.usd, change24h: null, updatedAt: cached.value.updatedAt, source: 'dex', stale: false });
        } else {
          misses.push({ ref: ref.address === null && deps.wrappedNative !== undefined ? deps.wrappedNative : ref, address });
        }
      }
      if (misses.length === 0) return out;
      const priced = await priceFromPools(misses);
      const updatedAt = deps.now().toISOString();
      for (const miss of misses) {
        const originalKeys = tokens.filter((r) => (r.address ?? deps.wrappedNative?.address) === miss.address).map((r) => r.key);
        const usd = priced.get(miss.ref.key);
        for (const key of originalKeys) {
          await deps.cache.set(cacheKey(key), usd === undefined ? { none: true as const } : { usd, updatedAt }, deps.ttlSeconds, DexEntry)();
          if (usd !== undefined) out.set(key, { usd, change24h: null, updatedAt, source: 'dex', stale: false });
        }
      }
      return out;
    },
  };
};
