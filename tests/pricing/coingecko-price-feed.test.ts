import { makeCache } from '../../src/infra/cache/make-cache';
import { makeMemoryStore } from '../../src/infra/cache/memory-store';
import { makeRedisStore } from '../../src/infra/cache/redis-store';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import { makeRedisClient, waitForRedis } from '../../src/infra/redis/make-redis-client';
import type { Price, PriceMap } from '../../src/services/pricing/price-feed';
import { REAL_REDIS_URL, uniquePrefix } from '../support/app/start-test-server';
import { startFakeCoinGecko, type FakeCoinGecko } from '../support/fakes';
import { waitUntil } from '../support/wait-until';
import { addressOf, buildPricing, coingeckoCalls, contractToken, manualClock, NATIVE, PLATFORM } from './pricing-harness';

const NOW = Date.UTC(2024, 0, 15, 12, 0, 0);
const NOW_S = NOW / 1000;
const TOKEN_PRICE = '/simple/token_price/sei-v2';
const SIMPLE_PRICE = '/simple/price';

/** Token i is worth i × 1.5 USD with a 24h change of i/10 % and was updated i seconds before NOW. */
const usdOf = (i: number): number => i * 1.5;
const fakePriceOf = (i: number) => ({ platform: PLATFORM, address: addressOf(i), usd: usdOf(i), change24h: i / 10, lastUpdatedAt: NOW_S - i });
const freshPriceOf = (i: number): Price => ({
  usd: usdOf(i),
  change24h: i / 10,
  updatedAt: new Date((NOW_S - i) * 1000).toISOString(),
  source: 'coingecko',
  stale: false,
});
const SEI_FRESH: Price = { usd: 0.4213, change24h: -3.25, updatedAt: new Date((NOW_S - 20) * 1000).toISOString(), source: 'coingecko', stale: false };

const tokens = (count: number) => Array.from({ length: count }, (_, i) => contractToken(addressOf(i + 1)));
const expectedMap = (count: number, withNative: boolean): PriceMap =>
  new Map<string, Price>([
    ...(withNative ? [['native', SEI_FRESH] as const] : []),
    ...Array.from({ length: count }, (_, i) => [addressOf(i + 1), freshPriceOf(i + 1)] as const),
  ]);
const sorted = (map: PriceMap) => new Map([...map].sort(([a], [b]) => a.localeCompare(b)));

describe('CoinGecko price feed against the fake CoinGecko', () => {
  let gecko: FakeCoinGecko;

  beforeAll(async () => {
    gecko = await startFakeCoinGecko({
      now: () => NOW,
      prices: [{ id: 'sei-network', usd: 0.4213, change24h: -3.25, lastUpdatedAt: NOW_S - 20 }, ...Array.from({ length: 60 }, (_, i) => fakePriceOf(i + 1))],
    });
  });
  beforeEach(() => gecko.reset());
  afterAll(() => gecko.stop());

  it.each([5, 40])('prices native SEI and %i tokens with one token_price and one simple/price request', async (count) => {
    const { pricing, metrics } = buildPricing(gecko);
    const prices = await pricing.priceFeed.getPrices([NATIVE, ...tokens(count - 1)])();
    expect(sorted(prices)).toEqual(sorted(expectedMap(count - 1, true)));
    expect([gecko.requestCount(TOKEN_PRICE), gecko.requestCount(SIMPLE_PRICE), gecko.requestCount()]).toEqual([1, 1, 2]);
    const tokenRequest = gecko.requests().find((r) => r.path === TOKEN_PRICE);
    expect(tokenRequest?.query['contract_addresses']?.split(',')).toHaveLength(count - 1);
    expect(await coingeckoCalls(metrics)).toEqual({ ok: 2 });
  });

  it('serves a second read from the cache without asking CoinGecko, unknown tokens included', async () => {
    const { pricing } = buildPricing(gecko);
    const unknown = contractToken(addressOf(999));
    const read = [NATIVE, ...tokens(5), unknown];
    const first = await pricing.priceFeed.getPrices(read)();
    expect(gecko.requestCount()).toBe(2);
    const second = await pricing.priceFeed.getPrices(read)();
    expect(gecko.requestCount()).toBe(2);
    expect(second).toEqual(first);
    expect(second.has(unknown.key)).toBe(false);
  });

  it('leaves a token nobody prices out of the map, and keeps the others', async () => {
    const { pricing } = buildPricing(gecko);
    const unknown = contractToken(addressOf(999));
    const unknownCoin = { ...NATIVE, key: 'mystery', coingeckoId: 'no-such-coin' };
    const noSource = { ...NATIVE, key: 'nothing', coingeckoId: null };
    const prices = await pricing.priceFeed.getPrices([unknown, unknownCoin, noSource, contractToken(addressOf(7))])();
    expect(prices).toEqual(new Map([[addressOf(7), freshPriceOf(7)]]));
  });

  it('asks the coin id in the same simple/price request when CoinGecko does not know the contract', async () => {
    const { pricing } = buildPricing(gecko);
    gecko.setPrice({ id: 'usd-coin', usd: 0.9998, change24h: null, lastUpdatedAt: NOW_S - 40 });
    const bridged = contractToken(addressOf(500), 'usd-coin');
    const prices = await pricing.priceFeed.getPrices([bridged, contractToken(addressOf(1), 'ignored-when-the-contract-is-known')])();
    expect(prices).toEqual(
      new Map([
        [addressOf(500), { usd: 0.9998, change24h: null, updatedAt: new Date((NOW_S - 40) * 1000).toISOString(), source: 'coingecko', stale: false }],
        [addressOf(1), freshPriceOf(1)],
      ]),
    );
    expect([gecko.requestCount(TOKEN_PRICE), gecko.requestCount(SIMPLE_PRICE)]).toEqual([1, 1]);
  });

  it('makes exactly one request per endpoint for 100 concurrent cold reads of the same tokens', async () => {
    const { pricing } = buildPricing(gecko);
    gecko.setDelayMs(100);
    const read = [NATIVE, ...tokens(10)];
    const results = await Promise.all(Array.from({ length: 100 }, () => pricing.priceFeed.getPrices(read)()));
    expect([gecko.requestCount(TOKEN_PRICE), gecko.requestCount(SIMPLE_PRICE)]).toEqual([1, 1]);
    for (const prices of results) expect(sorted(prices)).toEqual(sorted(expectedMap(10, true)));
  });

  it('shares concurrent reads of overlapping token sets: only the tokens not yet in flight are asked for', async () => {
    const { pricing } = buildPricing(gecko);
    const release = gecko.holdAnswers();
    const both = Promise.all([pricing.priceFeed.getPrices(tokens(6))(), pricing.priceFeed.getPrices([...tokens(8)].slice(3))()]);
    await waitUntil(() => (gecko.requestCount() === 2 ? true : undefined), 5_000, () => `${gecko.requestCount()} requests in flight`);
    release();
    const [a, b] = await both;
    expect(a.size + b.size).toBe(11);
    expect(gecko.requests().map((r) => r.query['contract_addresses']?.split(',').length)).toEqual([6, 2]);
  });

  describe('when CoinGecko fails', () => {
    const PAST = NOW - 90_000;

    /** Warms the feed at PAST (fresh TTL 1 s), then moves the clock to NOW: the fresh copies have expired. */
    const warmThenExpire = async (env: Record<string, string> = {}) => {
      const clock = manualClock(PAST);
      const built = buildPricing(gecko, { CACHE_TTL_PRICES: '1', ...env }, { options: { now: clock.now } });
      const read = [NATIVE, ...tokens(3)];
      expect(sorted(await built.pricing.priceFeed.getPrices(read)())).toEqual(sorted(expectedMap(3, true)));
      clock.set(NOW);
      gecko.reset();
      return { ...built, clock, read };
    };
    const staleOf = (price: Price): Price => ({ ...price, stale: true, ageSeconds: 90 });

    it('after a 429 then 500s, serves the last known prices marked stale and stops asking until Retry-After has passed', async () => {
      const { pricing, clock, read } = await warmThenExpire();
      gecko.failNext(1, { status: 429, retryAfterSeconds: 20 });
      gecko.setFailing(500);
      const expected = sorted(new Map([...expectedMap(3, true)].map(([k, p]) => [k, staleOf(p)] as const)));

      expect(sorted(await pricing.priceFeed.getPrices(read)())).toEqual(expected);
      expect(gecko.requests().map((r) => r.status).sort()).toEqual([429, 500]);
      for (let i = 0; i < 20; i += 1) expect(sorted(await pricing.priceFeed.getPrices(read)())).toEqual(expected);
      const burst = await Promise.all(Array.from({ length: 50 }, () => pricing.priceFeed.getPrices(read)()));
      for (const prices of burst) expect(sorted(prices)).toEqual(expected);
      expect(gecko.requestCount()).toBe(2);
      expect(pricing.circuit.snapshot().openUntil).toBe(NOW + 20_000);

      clock.advance(19_999);
      await pricing.priceFeed.getPrices(read)();
      expect(gecko.requestCount()).toBe(2);

      // Retry-After has passed: one probe goes out, fails with 500, and reopens the circuit for 30 s.
      clock.advance(1);
      await pricing.priceFeed.getPrices(read)();
      expect(gecko.requestCount()).toBe(3);
      for (let i = 0; i < 20; i += 1) await pricing.priceFeed.getPrices(read)();
      expect(gecko.requestCount()).toBe(3);
      expect(pricing.circuit.snapshot().openUntil).toBe(NOW + 20_000 + 30_000);
    });

    it('opens the circuit for 30 s after 3 consecutive 5xx answers, then recovers with one probe', async () => {
      const { pricing, clock } = await warmThenExpire();
      const read = tokens(3);
      gecko.setFailing(503);
      for (let i = 1; i <= 3; i += 1) {
        expect((await pricing.priceFeed.getPrices(read)()).get(addressOf(1))).toEqual(staleOf(freshPriceOf(1)));
        expect(gecko.requestCount()).toBe(i);
      }
      for (let i = 0; i < 30; i += 1) await pricing.priceFeed.getPrices(read)();
      expect(gecko.requestCount()).toBe(3);

      gecko.setFailing(null);
      clock.advance(30_000);
      expect(sorted(await pricing.priceFeed.getPrices(read)())).toEqual(sorted(expectedMap(3, false)));
      expect(gecko.requestCount()).toBe(4);
      expect(pricing.circuit.snapshot()).toEqual({ openUntil: 0, consecutiveFailures: 0 });
    });

    it('after a timeout, serves stale copies and counts the timeout', async () => {
      const { pricing, metrics, read } = await warmThenExpire({ COINGECKO_TIMEOUT_MS: '150' });
      gecko.setDelayMs(1000);
      const prices = await pricing.priceFeed.getPrices(read)();
      expect(prices.get('native')).toEqual(staleOf(SEI_FRESH));
      expect(await coingeckoCalls(metrics)).toEqual({ ok: 2, timeout: 2 });
    });

    it('leaves out a token that was never priced, while the priced ones go stale', async () => {
      const { pricing } = await warmThenExpire();
      gecko.setFailing(500);
      const prices = await pricing.priceFeed.getPrices([NATIVE, contractToken(addressOf(42))])();
      expect(prices).toEqual(new Map([['native', staleOf(SEI_FRESH)]]));
    });

    it('another process sharing the cache makes no request while the circuit is open', async () => {
      const clock = manualClock(NOW);
      const cache = makeCache(makeMemoryStore(1000), { logger: makeSilentLogger() });
      const workerA = buildPricing(gecko, {}, { cache, options: { now: clock.now } });
      const workerB = buildPricing(gecko, {}, { cache, options: { now: clock.now } });
      gecko.failNext(1, { status: 429, retryAfterSeconds: 30 });
      await workerA.pricing.priceFeed.getPrices(tokens(2))();
      expect(gecko.requestCount()).toBe(1);
      expect(await workerB.pricing.priceFeed.getPrices([NATIVE])()).toEqual(new Map());
      expect(gecko.requestCount()).toBe(1);
    });
  });

  describe('over Redis', () => {
    const redisFor = () => makeRedisClient({ url: REAL_REDIS_URL, password: undefined, keyPrefix: uniquePrefix(), name: 'pricing-test' }, makeSilentLogger());

    it('100 concurrent cold reads make one request per endpoint, and a second worker reads the shared cache without asking', async () => {
      const redis = redisFor();
      try {
        // A cache over a connection still opening would miss and drop its writes: start once Redis answers.
        expect(await waitForRedis(redis, 5_000)).toBe(true);
        const cache = makeCache(makeRedisStore(redis), { logger: makeSilentLogger() });
        const workerA = buildPricing(gecko, {}, { cache });
        const workerB = buildPricing(gecko, {}, { cache });
        const read = [NATIVE, ...tokens(20)];
        const release = gecko.holdAnswers();
        const reads = Promise.all(Array.from({ length: 100 }, () => workerA.pricing.priceFeed.getPrices(read)()));
        await waitUntil(() => (gecko.requestCount() === 2 ? true : undefined), 5_000, () => `${gecko.requestCount()} requests in flight`);
        release();
        const results = await reads;
        for (const prices of results) expect(sorted(prices)).toEqual(sorted(expectedMap(20, true)));
        expect([gecko.requestCount(TOKEN_PRICE), gecko.requestCount(SIMPLE_PRICE)]).toEqual([1, 1]);
        expect(sorted(await workerB.pricing.priceFeed.getPrices(read)())).toEqual(sorted(expectedMap(20, true)));
        expect(gecko.requestCount()).toBe(2);
      } finally {
        await redis.quit();
      }
    });
  });
});
