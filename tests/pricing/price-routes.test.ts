import type { Express } from 'express';
import request from 'supertest';
import { makeApp } from '../../src/http/app';
import { priceRoutes } from '../../src/http/routes/price-routes';
import { memoryRateLimit } from '../../src/http/middleware/rate-limit';
import { startFakeCoinGecko, type FakeCoinGecko } from '../support/fakes';
import { addressOf, buildPricing, manualClock, PLATFORM } from './pricing-harness';

const NOW = Date.UTC(2024, 0, 15, 12, 0, 0);
const NOW_S = NOW / 1000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WSEI = '0xE30feDd158A2e3b13e9badaeABaFc5516e95e8C7';
const iso = (ms: number): string => new Date(ms).toISOString();

/** The app as main.ts composes it, with only the price routes under /api. */
const buildApp = (
  gecko: FakeCoinGecko,
  env: Record<string, string> = {},
  options: { historyTtlSeconds?: number; now?: () => number } = {},
): Express => {
  const { config, logger, metrics, pricing } = buildPricing(gecko, env, { options: { now: () => NOW, ...options } });
  return makeApp({
    config,
    logger,
    metrics,
    limiters: {
      api: memoryRateLimit(10_000, 60_000),
      ai: memoryRateLimit(10, 60_000),
    },
    operatorRouters: [],
    apiRouters: [priceRoutes({ priceFeed: pricing.priceFeed, history: pricing.history, nativeCoingeckoId: pricing.nativeCoingeckoId })],
  });
};

describe('price routes', () => {
  let gecko: FakeCoinGecko;

  beforeAll(async () => {
    gecko = await startFakeCoinGecko({
      now: () => NOW,
      prices: [
        { id: 'sei-network', usd: 0.4213, change24h: -3.25, lastUpdatedAt: NOW_S - 20 },
        { platform: PLATFORM, address: WSEI, usd: 0.4209, change24h: null, lastUpdatedAt: NOW_S - 30 },
        { platform: PLATFORM, address: addressOf(1), usd: 1.0001, change24h: 0.01, lastUpdatedAt: NOW_S - 10 },
      ],
    });
  });
  beforeEach(() => gecko.reset());
  afterAll(() => gecko.stop());

  describe('GET /api/prices', () => {
    it('answers prices keyed by checksummed address and coin id, with the unpriced ones listed', async () => {
      const unknown = addressOf(77);
      const res = await request(buildApp(gecko)).get(`/api/prices?tokens=${WSEI.toLowerCase()},${addressOf(1)},${unknown.toLowerCase()}&ids=sei-network`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        success: true,
        data: {
          prices: {
            [WSEI]: { usd: 0.4209, change24h: null, updatedAt: iso((NOW_S - 30) * 1000), source: 'coingecko', stale: false },
            [addressOf(1)]: { usd: 1.0001, change24h: 0.01, updatedAt: iso((NOW_S - 10) * 1000), source: 'coingecko', stale: false },
            'sei-network': { usd: 0.4213, change24h: -3.25, updatedAt: iso((NOW_S - 20) * 1000), source: 'coingecko', stale: false },
          },
          unpriced: [unknown],
        },
      });
      expect([gecko.requestCount('/simple/token_price/sei-v2'), gecko.requestCount('/simple/price')]).toEqual([1, 1]);
    });

    it('counts one address given twice in different cases once', async () => {
      const res = await request(buildApp(gecko)).get(`/api/prices?tokens=${WSEI},${WSEI.toLowerCase()}`);
      expect(Object.keys(res.body.data.prices)).toEqual([WSEI]);
      expect(gecko.requests()[0]?.query['contract_addresses']).toBe(WSEI.toLowerCase());
    });

    it('answers 400 VALIDATION_ERROR naming every bad address and id', async () => {
      const res = await request(buildApp(gecko)).get(`/api/prices?tokens=${WSEI},0x1234,not-an-address&ids=sei-network,Bad%20Id`);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        success: false,
        error: {
          code: 'VALIDATION_ERROR',
          message: 'The request is not valid',
          details: [
            { path: 'query.tokens.1', expected: '0x-prefixed 20-byte hex address' },
            { path: 'query.tokens.2', expected: '0x-prefixed 20-byte hex address' },
            { path: 'query.ids.1', expected: 'CoinGecko coin id (lower-case letters, digits, ".", "_", "-")' },
          ],
        },
      });
      expect(gecko.requestCount()).toBe(0);
    });

    it('answers 400 when nothing is asked for', async () => {
      const res = await request(buildApp(gecko)).get('/api/prices?tokens=');
      expect(res.status).toBe(400);
      expect(res.body.error).toEqual({
        code: 'VALIDATION_ERROR',
        message: 'The request is not valid',
        details: [{ path: 'query.tokens', expected: 'at least one token address (tokens) or coin id (ids)' }],
      });
    });

    it('answers 400 above 50 tokens and ids, and 200 at exactly 50', async () => {
      const app = buildApp(gecko);
      const fifty = Array.from({ length: 49 }, (_, i) => addressOf(i + 1)).join(',');
      expect((await request(app).get(`/api/prices?tokens=${fifty}&ids=sei-network`)).status).toBe(200);
      const res = await request(app).get(`/api/prices?tokens=${fifty},${addressOf(50)}&ids=sei-network`);
      expect(res.status).toBe(400);
      expect(res.body.error.details).toEqual([{ path: 'query.tokens', expected: 'at most 50 tokens and ids in total' }]);
    });

    it('serves last known prices marked stale while CoinGecko is down', async () => {
      const clock = manualClock(NOW);
      const app = buildApp(gecko, { CACHE_TTL_PRICES: '1' }, { now: clock.now });
      await request(app).get('/api/prices?ids=sei-network').expect(200);
      clock.advance(45_000);
      gecko.setFailing(503);
      const res = await request(app).get('/api/prices?ids=sei-network');
      expect(res.status).toBe(200);
      expect(res.body.data.prices['sei-network']).toEqual({
        usd: 0.4213,
        change24h: -3.25,
        updatedAt: iso((NOW_S - 20) * 1000),
        source: 'coingecko',
        stale: true,
        ageSeconds: 45,
      });
    });
  });

  describe('GET /api/prices/:token/history', () => {
    const scriptedChart = [
      [NOW - 200 * DAY, 0.2],
      [NOW - 60 * DAY, 0.3],
      [NOW - 20 * DAY, 0.35],
      [NOW - 3 * DAY, 0.38],
      [NOW - 12 * HOUR, 0.4],
      [NOW, 0.4213],
    ] as const;

    it.each([
      ['1d', '1', 2],
      ['7d', '7', 3],
      ['30d', '30', 4],
      ['90d', '90', 5],
      ['1y', '365', 6],
    ] as const)('range %s asks CoinGecko for %s days and answers the points in it', async (range, days, count) => {
      gecko.setMarketChart({ id: 'sei-network', prices: scriptedChart });
      const res = await request(buildApp(gecko)).get(`/api/prices/native/history?range=${range}`);
      expect(res.status).toBe(200);
      expect(res.body.data).toEqual({
        token: 'sei-network',
        range,
        points: scriptedChart.slice(scriptedChart.length - count).map(([ts, usd]) => ({ timestamp: iso(ts), usd })),
        cachedAt: iso(NOW),
        stale: false,
      });
      expect(gecko.requests().map((r) => [r.path, r.query])).toEqual([['/coins/sei-network/market_chart', { vs_currency: 'usd', days }]]);
    });

    it('takes sei, a coin id, or an address (asked as a contract on sei-v2) and defaults to 7d', async () => {
      gecko.setMarketChart({ platform: PLATFORM, address: WSEI, prices: [[NOW - DAY, 0.41], [NOW, 0.4209]] });
      const app = buildApp(gecko);
      const byAddress = await request(app).get(`/api/prices/${WSEI.toLowerCase()}/history`);
      expect(byAddress.status).toBe(200);
      expect(byAddress.body.data).toMatchObject({ token: WSEI, range: '7d', points: [{ timestamp: iso(NOW - DAY), usd: 0.41 }, { timestamp: iso(NOW), usd: 0.4209 }] });
      await request(app).get('/api/prices/sei/history?range=1d').expect(200);
      await request(app).get('/api/prices/sei-network/history?range=30d').expect(200);
      expect(gecko.requests().map((r) => r.path)).toEqual([
        `/coins/sei-v2/contract/${WSEI.toLowerCase()}/market_chart`,
        '/coins/sei-network/market_chart',
        '/coins/sei-network/market_chart',
      ]);
    });

    it('serves a repeated request from the cache', async () => {
      const app = buildApp(gecko);
      const first = await request(app).get('/api/prices/sei-network/history?range=1d');
      const second = await request(app).get('/api/prices/sei-network/history?range=1d');
      expect(second.body).toEqual(first.body);
      expect(gecko.requestCount()).toBe(1);
    });

    it('answers 400 for a bad range, a bad address and a bad token', async () => {
      const app = buildApp(gecko);
      const badRange = await request(app).get('/api/prices/native/history?range=2w');
      expect([badRange.status, badRange.body.error.code, badRange.body.error.details]).toEqual([
        400,
        'VALIDATION_ERROR',
        [{ path: 'query.range', expected: '"1d" | "7d" | "30d" | "90d" | "1y"' }],
      ]);
      const badAddress = await request(app).get('/api/prices/0x1234/history');
      expect([badAddress.status, badAddress.body.error.code]).toEqual([400, 'INVALID_ADDRESS']);
      const badToken = await request(app).get('/api/prices/Not%20A%20Coin!/history');
      expect([badToken.status, badToken.body.error.code]).toEqual([400, 'VALIDATION_ERROR']);
      expect(gecko.requestCount()).toBe(0);
    });

    it('answers 404 for a coin CoinGecko does not know', async () => {
      const res = await request(buildApp(gecko)).get('/api/prices/no-such-coin/history?range=1d');
      expect(res.status).toBe(404);
      expect(res.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'price history not found' } });
    });

    it('answers 503 in the envelope when CoinGecko is down and no copy exists', async () => {
      gecko.setFailing(503);
      const res = await request(buildApp(gecko)).get('/api/prices/native/history?range=1d');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ success: false, error: { code: 'UPSTREAM_UNAVAILABLE', message: 'CoinGecko is unreachable' } });
    });

    it('answers 503 with Retry-After while CoinGecko rate limits, without asking again', async () => {
      gecko.setFailing(429, { retryAfterSeconds: 120 });
      const app = buildApp(gecko);
      const first = await request(app).get('/api/prices/native/history?range=1d');
      const second = await request(app).get('/api/prices/native/history?range=7d');
      expect([first.status, first.headers['retry-after'], first.body.error.code]).toEqual([503, '120', 'UPSTREAM_UNAVAILABLE']);
      expect([second.status, second.headers['retry-after']]).toEqual([503, '120']);
      expect(gecko.requestCount()).toBe(1);
    });

    it('answers 502 when CoinGecko refuses the key', async () => {
      const keyed = await startFakeCoinGecko({ acceptedKeys: ['some-other-key'] });
      try {
        const res = await request(buildApp(keyed)).get('/api/prices/native/history?range=1d');
        expect(res.status).toBe(502);
        expect(res.body).toEqual({ success: false, error: { code: 'UPSTREAM_BAD_RESPONSE', message: 'CoinGecko answered badly' } });
      } finally {
        await keyed.stop();
      }
    });

    it('serves the last copy marked stale when CoinGecko fails after the cache expired', async () => {
      gecko.setMarketChart({ id: 'sei-network', prices: [[NOW - HOUR, 0.41], [NOW, 0.4213]] });
      const clock = manualClock(NOW);
      const app = buildApp(gecko, {}, { historyTtlSeconds: 1, now: clock.now });
      const fresh = await request(app).get('/api/prices/native/history?range=1d');
      clock.advance(600_000);
      gecko.setFailing(500);
      const stale = await request(app).get('/api/prices/native/history?range=1d');
      expect(stale.status).toBe(200);
      expect(stale.body.data).toEqual({
        token: 'sei-network',
        range: '1d',
        points: [{ timestamp: iso(NOW - HOUR), usd: 0.41 }, { timestamp: iso(NOW), usd: 0.4213 }],
        cachedAt: iso(NOW),
        stale: true,
        ageSeconds: 600,
      });
      expect(fresh.body.data).toEqual({ ...stale.body.data, stale: false, ageSeconds: undefined });
      expect(gecko.requestCount()).toBe(2);
    });
  });
});
