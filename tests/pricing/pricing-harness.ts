import type { TokenAddress } from '../../src/domain/address/token-address';
import type { AppConfig } from '../../src/config/app-config';
import type { TokenRef } from '../../src/domain/tokens/token-ref';
import type { Cache } from '../../src/services/ports/cache';
import { makeCache } from '../../src/infra/cache/make-cache';
import { makeMemoryStore } from '../../src/infra/cache/memory-store';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import type { Logger } from '../../src/services/ports/logger';
import { makeMetrics, type Metrics } from '../../src/infra/metrics';
import { makePricing, type Pricing, type PricingDeps } from '../../src/composition/pricing';
import { testConfig } from '../support/app/start-test-server';
import type { FakeCoinGecko } from '../support/fakes';
import { tokenAddress } from '../support/brands';

export const DEMO_KEY = 'CG-test-demo-key-0123456789';
export const PLATFORM = 'sei-v2';

/** A deterministic checksummed token address: 0x…0001, 0x…0002, … */
export const addressOf = (i: number): TokenAddress => tokenAddress(`0xcafe${i.toString(16).padStart(36, '0')}`);

export const contractToken = (address: TokenAddress, coingeckoId: string | null = null): TokenRef => ({ key: address, address, symbol: 'TKN', decimals: 18, coingeckoId });
export const NATIVE: TokenRef = { key: 'native', address: null, symbol: 'SEI', decimals: 18, coingeckoId: 'sei-network' };

/** A hand-moved clock for the pricing side (circuit, stale ages) and, through buildPricing, its cache's TTLs. */
export const manualClock = (start: number) => {
  let at = start;
  return { now: () => at, advance: (ms: number) => (at += ms), set: (ms: number) => (at = ms) };
};

export interface PricingUnderTest {
  readonly config: AppConfig;
  readonly metrics: Metrics;
  readonly cache: Cache;
  readonly logger: Logger;
  readonly pricing: Pricing;
}

/** Builds the pricing side as main.ts would, against the fake CoinGecko, with a demo key by default; the cache runs on `options.now` when given. */
export const buildPricing = (
  gecko: FakeCoinGecko,
  env: Record<string, string | undefined> = {},
  extra: { readonly cache?: Cache; readonly logger?: Logger; readonly options?: PricingDeps['options']; readonly fallback?: PricingDeps['fallback'] } = {},
): PricingUnderTest => {
  const config = testConfig({ COINGECKO_BASE_URL: gecko.url, COINGECKO_API_KEY: DEMO_KEY, COINGECKO_PLAN: 'demo', CACHE_TTL_PRICES: '30', ...env });
  const logger = extra.logger ?? makeSilentLogger();
  const metrics = makeMetrics();
  const cache = extra.cache ?? makeCache(makeMemoryStore(10_000, extra.options?.now), { logger, metrics });
  const pricing = makePricing({
    config,
    network: { coingeckoPlatform: 'sei-v2', nativeCoingeckoId: 'sei-network' },
    cache,
    logger,
    metrics,
    ...(extra.fallback === undefined ? {} : { fallback: extra.fallback }),
    ...(extra.options === undefined ? {} : { options: extra.options }),
  });
  return { config, metrics, cache, logger, pricing };
};

/** `upstream_calls_total{service="coingecko"}` by outcome, zero outcomes left out. */
export const coingeckoCalls = async (metrics: Metrics): Promise<Record<string, number>> => {
  const { values } = await metrics.upstreamCalls.get();
  return Object.fromEntries(values.filter((v) => v.labels['service'] === 'coingecko' && v.value > 0).map((v) => [String(v.labels['outcome']), v.value]));
};
