import { makeCoinGeckoClient, type CoinGeckoClientOptions } from '../adapters/prices/coingecko-client';
import type { AppConfig } from '../config/app-config';
import type { Registry } from '../config/registry';
import type { Metrics } from '../infra/metrics';
import { makeCircuitBreaker, type CircuitBreaker, type CircuitBreakerOptions } from '../services/circuit/circuit-breaker';
import type { Cache } from '../services/ports/cache';
import type { Logger } from '../services/ports/logger';
import type { CoinGeckoApi } from '../services/pricing/coingecko-api';
import type { ReadDexPools } from '../services/pricing/dex-price-feed';
import { makeCoinGeckoPriceFeed } from '../services/pricing/coingecko-price-feed';
import { guardWithCircuit } from '../services/pricing/guard-with-circuit';
import { makePriceHistoryService, type PriceHistoryService } from '../services/pricing/price-history';
import type { PriceFeed } from '../services/pricing/price-feed';
import { withDexFallback } from '../services/pricing/with-dex-fallback';
import { withFallback } from '../services/pricing/with-fallback';

export interface PricingDeps {
  readonly config: AppConfig;
  /** Where CoinGecko's platform id and the native coin id come from (the registry in use). */
  readonly network: { readonly coingeckoPlatform: string; readonly nativeCoingeckoId: string };
  readonly cache: Cache;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** Asked for what CoinGecko leaves unpriced or stale (e.g. the on-chain DEX feed, when it exists). */
  readonly fallback?: PriceFeed;
  /** Overrides for tests: circuit thresholds, URL limits, history TTL, clock. */
  readonly options?: {
    readonly circuit?: Omit<CircuitBreakerOptions, 'name' | 'shared'>;
    readonly client?: CoinGeckoClientOptions;
    readonly historyTtlSeconds?: number;
    readonly lastKnownTtlSeconds?: number;
    readonly now?: () => number;
  };
}

export interface Pricing {
  /** The feed the portfolio values with: CoinGecko, then the fallback when given. Never fails. */
  readonly priceFeed: PriceFeed;
  readonly history: PriceHistoryService;
  /** The coin id of the chain's native token (`sei-network`), which `native` and `sei` stand for in routes. */
  readonly nativeCoingeckoId: string;
  readonly platform: string;
  /** The guarded CoinGecko API, for other services that need market data. */
  readonly coingecko: CoinGeckoApi;
  readonly circuit: CircuitBreaker;
}

/**
 * Builds the pricing side from the app's config: the CoinGecko client, one circuit breaker for all
 * CoinGecko calls (its open periods shared through the cache), the cached price feed and the history service.
 */
export const makePricing = (deps: PricingDeps): Pricing => {
  const { config } = deps;
  const { network } = deps;
  const now = deps.options?.now;
  const circuit = makeCircuitBreaker({ openSeconds: config.coingeckoGuard.circuitOpenSeconds, ...deps.options?.circuit, name: 'coingecko', shared: deps.cache, logger: deps.logger, ...(now === undefined ? {} : { now }) });
  const client = makeCoinGeckoClient({ config: config.coingecko, metrics: deps.metrics, logger: deps.logger, ...(now === undefined ? {} : { now }) }, deps.options?.client);
  const coingecko = guardWithCircuit(client, circuit);
  const shared = {
    api: coingecko,
    cache: deps.cache,
    chainId: config.chain.chainId,
    platform: network.coingeckoPlatform,
    ...(deps.options?.lastKnownTtlSeconds === undefined ? {} : { lastKnownTtlSeconds: deps.options.lastKnownTtlSeconds }),
    ...(now === undefined ? {} : { now }),
  };
  const coingeckoFeed = makeCoinGeckoPriceFeed({ ...shared, logger: deps.logger, ttlSeconds: config.cacheTtlSeconds.prices });
  const history = makePriceHistoryService({ ...shared, ...(deps.options?.historyTtlSeconds === undefined ? {} : { ttlSeconds: deps.options.historyTtlSeconds }) });
  return {
    priceFeed: deps.fallback === undefined ? coingeckoFeed : withFallback(coingeckoFeed, deps.fallback),
    history,
    nativeCoingeckoId: network.nativeCoingeckoId,
    platform: network.coingeckoPlatform,
    coingecko,
    circuit,
  };
};

export interface AppPricingWiring {
  readonly config: AppConfig;
  readonly registry: Registry;
  readonly cache: Cache;
  readonly logger: Logger;
  readonly metrics: Metrics;
  /** DragonSwap V2 pool reads; undefined when the registry has none (then there is no DEX fallback). */
  readonly readDexPools: ReadDexPools | undefined;
  readonly now: () => Date;
}

/**
 * Pricing as the app runs it: CoinGecko (its circuit exported as `upstream_circuit_open{service="coingecko"}`), and
 * for what CoinGecko cannot price (or only stale), DragonSwap V2 pools against the registry's stablecoins and WSEI.
 */
export const makeAppPricing = (w: AppPricingWiring): Pricing => {
  const pricing = makePricing({ config: w.config, network: w.registry, cache: w.cache, logger: w.logger, metrics: w.metrics, options: { now: () => w.now().getTime() } });
  w.metrics.observeCircuit('coingecko', () => pricing.circuit.snapshot().openUntil > 0);
  const priceFeed = withDexFallback(pricing.priceFeed, {
    registry: w.registry,
    readPools: w.readDexPools,
    minLiquidityUSD: w.config.dexMinLiquidityUsd,
    ttlSeconds: w.config.cacheTtlSeconds.prices,
    cache: w.cache,
    logger: w.logger,
    now: w.now,
  });
  return { ...pricing, priceFeed };
};
