import type { AppConfig } from '../../config/app-config';
import { makeCoinGeckoClient, type CoinGeckoClientOptions } from '../../adapters/prices/coingecko-client';
import type { Cache } from '../../infra/cache/cache';
import type { Logger } from '../../infra/logging/logger';
import type { Metrics } from '../../infra/metrics';
import { makeCircuitBreaker, type CircuitBreaker, type CircuitBreakerOptions } from '../circuit/circuit-breaker';
import type { CoinGeckoApi } from './coingecko-api';
import { makeCoinGeckoPriceFeed } from './coingecko-price-feed';
import { guardWithCircuit } from './guard-with-circuit';
import { makePriceHistoryService, type PriceHistoryService } from './price-history';
import type { PriceFeed } from './price-feed';
import { withFallback } from './with-fallback';

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
 * A composition helper for main.ts: the one place in services that names a concrete adapter.
 */
export const makePricing = (deps: PricingDeps): Pricing => {
  const { config } = deps;
  const { network } = deps;
  const now = deps.options?.now;
  const circuit = makeCircuitBreaker({ ...deps.options?.circuit, name: 'coingecko', shared: deps.cache, logger: deps.logger, ...(now === undefined ? {} : { now }) });
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
