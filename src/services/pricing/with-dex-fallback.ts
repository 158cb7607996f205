import { findWrappedNative, registryTokenRef, type Registry } from '../../config/registry';
import type { RegistryToken } from '../../config/sei-networks';
import type { Cache } from '../ports/cache';
import type { Logger } from '../ports/logger';
import { makeDexPriceFeed, type QuoteToken, type ReadDexPools } from './dex-price-feed';
import type { PriceFeed } from './price-feed';
import { withFallback } from './with-fallback';

export interface DexFallbackDeps {
  readonly registry: Registry;
  /** Absent when the registry has no DragonSwap V2: then there is no DEX fallback. */
  readonly readPools: ReadDexPools | undefined;
  readonly minLiquidityUSD: number;
  readonly ttlSeconds: number;
  readonly cache: Cache;
  readonly logger: Logger;
  readonly now: () => Date;
}

const quoteOf = (tk: RegistryToken): QuoteToken => ({ ...registryTokenRef(tk), address: tk.address, isStable: tk.isStable });

/** CoinGecko first; what it cannot price (or only stale) comes from DragonSwap V2 pools against the registry's stablecoins and WSEI. */
export const withDexFallback = (primary: PriceFeed, deps: DexFallbackDeps): PriceFeed => {
  if (deps.readPools === undefined) return primary;
  const wrapped = findWrappedNative(deps.registry);
  const quotes = [...deps.registry.tokens.filter((tk) => tk.isStable), ...(wrapped === undefined ? [] : [wrapped])].map(quoteOf);
  if (quotes.length === 0) return primary;
  return withFallback(
    primary,
    makeDexPriceFeed({
      readPools: deps.readPools,
      quotes,
      quotePrices: primary,
      wrappedNative: wrapped === undefined ? undefined : quoteOf(wrapped),
      minLiquidityUSD: deps.minLiquidityUSD,
      cache: deps.cache,
      chainId: deps.registry.chainId,
      ttlSeconds: deps.ttlSeconds,
      logger: deps.logger,
      now: deps.now,
    }),
  );
};
