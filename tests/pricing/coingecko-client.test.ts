import { Writable } from 'node:stream';
import * as E from 'fp-ts/Either';
import * as winston from 'winston';
import { makeCoinGeckoClient } from '../../src/adapters/prices/coingecko-client';
import type { AppConfig } from '../../src/config/app-config';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import type { Logger } from '../../src/services/ports/logger';
import { makeMetrics, type Metrics } from '../../src/infra/metrics';
import { startFakeCoinGecko, type FakeCoinGecko } from '../support/fakes';
import { startLoopbackServer, type LoopbackServer } from '../support/fakes/start-loopback-server';
import { addressOf, coingeckoCalls, DEMO_KEY, PLATFORM } from './pricing-harness';

const NOW = Date.UTC(2024, 0, 15, 12, 0, 0);
const NOW_S = NOW / 1000;
const PRO_KEY = 'CG-test-pro-key-9876543210';

const configFor = (url: string, overrides: Partial<AppConfig['coingecko']> = {}): AppConfig['coingecko'] => ({
  apiKey: DEMO_KEY,
  plan: 'demo',
  baseUrl: url,
  timeoutMs: 2000,
  ...overrides,
});

/** A logger that keeps every line it writes, to check what reaches the logs. */
const capturingLogger = (): { logger: Logger; lines: string[] } => {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: winston.createLogger({ level: 'debug', format: winston.format.json(), transports: [new winston.transports.Stream({ stream })] }), lines };
};

describe('CoinGecko client against the fake CoinGecko', () => {
  let gecko: FakeCoinGecko;
  let metrics: Metrics;

  beforeAll(async () => {
    gecko = await startFakeCoinGecko({
      now: () => NOW,
      prices: [
        { id: 'sei-network', usd: 0.4213, change24h: -3.25, lastUpdatedAt: NOW_S - 20 },
        { id: 'usd-coin', usd: 0.9998, change24h: null, lastUpdatedAt: NOW_S - 40 },
        { platform: PLATFORM, address: addressOf(1), usd: 1.0001, change24h: 0.01, lastUpdatedAt: NOW_S - 30 },
        { platform: PLATFORM, address: addressOf(2), usd: 3012.5, change24h: 2.5, lastUpdatedAt: NOW_S - 10 },
      ],
    });
  });
  beforeEach(() => {
    gecko.reset();
    metrics = makeMetrics();
  });
  afterAll(() => gecko.stop());

  const client = (overrides: Partial<AppConfig['coingecko']> = {}, logger: Logger = makeSilentLogger()) =>
    makeCoinGeckoClient({ config: configFor(gecko.url, overrides), metrics, logger, now: () => NOW });

  it('asks /simple/token_price/{platform} once for all addresses, with USD, 24h change and last update', async () => {
    const result = await client().tokenPrices(PLATFORM, [addressOf(1), addressOf(2), addressOf(3)])();
    expect(result).toEqual(
      E.right(
        new Map([
          [addressOf(1).toLowerCase(), { usd: 1.0001, change24h: 0.01, lastUpdatedAt: NOW_S - 30 }],
          [addressOf(2).toLowerCase(), { usd: 3012.5, change24h: 2.5, lastUpdatedAt: NOW_S - 10 }],
        ]),
      ),
    );
    const [request] = gecko.requests();
    expect(gecko.requests()).toHaveLength(1);
    expect(request?.path).toBe('/simple/token_price/sei-v2');
    expect(request?.query).toEqual({
      contract_addresses: [1, 2, 3].map((i) => addressOf(i).toLowerCase()).join(','),
      vs_currencies: 'usd',
      include_24hr_change: 'true',
      include_last_updated_at: 'true',
    });
    expect(await coingeckoCalls(metrics)).toEqual({ ok: 1 });
  });

  it('asks /simple/price once for all coin ids, keeping a null 24h change', async () => {
    const result = await client().coinPrices(['sei-network', 'USD-Coin', 'no-such-coin'])();
    expect(result).toEqual(
      E.right(
        new Map([
          ['sei-network', { usd: 0.4213, change24h: -3.25, lastUpdatedAt: NOW_S - 20 }],
          ['usd-coin', { usd: 0.9998, change24h: null, lastUpdatedAt: NOW_S - 40 }],
        ]),
      ),
    );
    expect(gecko.requests().map((r) => [r.path, r.query['ids']])).toEqual([['/simple/price', 'sei-network,usd-coin,no-such-coin']]);
  });

  it('makes no request for an empty list', async () => {
    expect(await client().tokenPrices(PLATFORM, [])()).toEqual(E.right(new Map()));
    expect(await client().coinPrices([])()).toEqual(E.right(new Map()));
    expect(gecko.requestCount()).toBe(0);
  });

  it('sends the demo key in x-cg-demo-api-key, the pro key in x-cg-pro-api-key, and no key header without a key', async () => {
    await client()
      .coinPrices(['sei-network'])();
    await client({ plan: 'pro', apiKey: PRO_KEY }).coinPrices(['sei-network'])();
    await client({ apiKey: undefined }).coinPrices(['sei-network'])();
    const [demo, pro, keyless] = gecko.requests();
    expect([demo?.headers['x-cg-demo-api-key'], demo?.headers['x-cg-pro-api-key']]).toEqual([DEMO_KEY, undefined]);
    expect([pro?.headers['x-cg-demo-api-key'], pro?.headers['x-cg-pro-api-key']]).toEqual([undefined, PRO_KEY]);
    expect([keyless?.headers['x-cg-demo-api-key'], keyless?.headers['x-cg-pro-api-key'], keyless?.apiKey]).toEqual([undefined, undefined, undefined]);
    expect(Object.keys(demo?.query ?? {})).not.toContain('x_cg_demo_api_key');
  });

  it('splits only above the URL size: 200 addresses go out as 2 requests under 8000 characters', async () => {
    const addresses = Array.from({ length: 200 }, (_, i) => addressOf(i + 1));
    const result = await client().tokenPrices(PLATFORM, addresses)();
    expect(E.isRight(result) && [...result.right.keys()]).toEqual([addressOf(1).toLowerCase(), addressOf(2).toLowerCase()]);
    const sizes = gecko.requests().map((r) => (r.query['contract_addresses'] ?? '').split(',').length);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(200);
    expect(sizes).toHaveLength(2);
    for (const r of gecko.requests()) {
      const url = `${gecko.url}${r.path}?${new URLSearchParams(r.query).toString().replaceAll('%2C', ',')}`;
      expect(url.length).toBeLessThanOrEqual(8000);
    }
  });

  it('keeps keyless calls to 10 addresses each, the keyless limit', async () => {
    const addresses = Array.from({ length: 25 }, (_, i) => addressOf(i + 1));
    await client({ apiKey: undefined }).tokenPrices(PLATFORM, addresses)();
    expect(gecko.requests().map((r) => (r.query['contract_addresses'] ?? '').split(',').length)).toEqual([10, 10, 5]);
  });

  it('classifies a 429 with its Retry-After, a 5xx, and a refused key, counting each outcome', async () => {
    gecko.failNext(1, { status: 429, retryAfterSeconds: 42 });
    gecko.failNext(1, { status: 503 });
    expect(await client().coinPrices(['sei-network'])()).toEqual(E.left({ _tag: 'UpstreamRateLimited', service: 'coingecko', retryAfterSeconds: 42 }));
    expect(await client().coinPrices(['sei-network'])()).toEqual(E.left({ _tag: 'UpstreamUnavailable', service: 'coingecko', reason: 'http_5xx', cause: { status: 503 } }));
    const keyed = await startFakeCoinGecko({ acceptedKeys: ['the-right-key'] });
    try {
      const refused = await makeCoinGeckoClient({ config: configFor(keyed.url), metrics, logger: makeSilentLogger() }).coinPrices(['sei-network'])();
      expect(E.isLeft(refused) && refused.left._tag === 'UpstreamBadResponse' && refused.left.status).toBe(401);
    } finally {
      await keyed.stop();
    }
    expect(await coingeckoCalls(metrics)).toEqual({ http_429: 1, http_5xx: 1, http_4xx: 1 });
  });

  it('waits 60 s after a 429 without Retry-After', async () => {
    const server = await startLoopbackServer(async (_req, res) => {
      res.writeHead(429, { 'content-type': 'application/json' });
      res.end('{"status":{"error_code":429}}');
    });
    try {
      const result = await client({ baseUrl: server.origin }).coinPrices(['sei-network'])();
      expect(result).toEqual(E.left({ _tag: 'UpstreamRateLimited', service: 'coingecko', retryAfterSeconds: 60 }));
    } finally {
      await server.stop();
    }
  });

  it('gives up after the timeout and counts it', async () => {
    const release = gecko.holdAnswers();
    try {
      const result = await client({ timeoutMs: 200 }).coinPrices(['sei-network'])();
      expect(E.isLeft(result) && result.left._tag === 'UpstreamUnavailable' && result.left.reason).toBe('timeout');
      expect(await coingeckoCalls(metrics)).toEqual({ timeout: 1 });
    } finally {
      release();
    }
  });

  it('treats a refused connection as a network failure', async () => {
    const server = await startLoopbackServer(async () => undefined);
    const closedUrl = `${server.origin}/api/v3`;
    await server.stop();
    const result = await client({ baseUrl: closedUrl }).coinPrices(['sei-network'])();
    expect(E.isLeft(result) && result.left._tag === 'UpstreamUnavailable' && result.left.reason).toBe('network');
    expect(await coingeckoCalls(metrics)).toEqual({ network: 1 });
  });

  describe('with a server answering bodies CoinGecko would not', () => {
    let server: LoopbackServer;
    let body = '';
    beforeAll(async () => {
      server = await startLoopbackServer(async (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(body);
      });
    });
    afterAll(() => server.stop());

    it.each([
      ['a string price', '{"sei-network":{"usd":"0.42"}}'],
      ['an array', '[1,2]'],
      ['HTML', '<html>Just a moment...</html>'],
      ['a chart without prices', '{"market_caps":[]}'],
    ])('answers %s as a bad response and counts bad_body', async (_name, text) => {
      body = text;
      const api = client({ baseUrl: server.origin });
      const result = text.includes('market_caps') ? await api.marketChart({ kind: 'coin', id: 'sei-network' }, 1)() : await api.coinPrices(['sei-network'])();
      expect(E.isLeft(result) && result.left._tag).toBe('UpstreamBadResponse');
      expect(await coingeckoCalls(metrics)).toEqual({ bad_body: 1 });
    });

    it('leaves out an entry CoinGecko lists without a USD price', async () => {
      body = '{"sei-network":{"usd":0.42,"usd_24h_change":1,"last_updated_at":1700000000},"dead-coin":{}}';
      expect(await client({ baseUrl: server.origin }).coinPrices(['sei-network', 'dead-coin'])()).toEqual(
        E.right(new Map([['sei-network', { usd: 0.42, change24h: 1, lastUpdatedAt: 1_700_000_000 }]])),
      );
    });
  });

  it('reads coin and contract market charts in USD for N days', async () => {
    gecko.setMarketChart({ id: 'sei-network', prices: [[NOW - 3_600_000, 0.41], [NOW, 0.42]] });
    gecko.setMarketChart({ platform: PLATFORM, address: addressOf(2), prices: [[NOW - 86_400_000 * 3, 2950], [NOW - 1000, 3012.5]] });
    expect(await client().marketChart({ kind: 'coin', id: 'sei-network' }, 1)()).toEqual(
      E.right([{ timestampMs: NOW - 3_600_000, usd: 0.41 }, { timestampMs: NOW, usd: 0.42 }]),
    );
    expect(await client().marketChart({ kind: 'contract', platform: PLATFORM, address: addressOf(2) }, 7)()).toEqual(
      E.right([{ timestampMs: NOW - 86_400_000 * 3, usd: 2950 }, { timestampMs: NOW - 1000, usd: 3012.5 }]),
    );
    expect(gecko.requests().map((r) => [r.path, r.query])).toEqual([
      ['/coins/sei-network/market_chart', { vs_currency: 'usd', days: '1' }],
      [`/coins/sei-v2/contract/${addressOf(2).toLowerCase()}/market_chart`, { vs_currency: 'usd', days: '7' }],
    ]);
    expect(await client().marketChart({ kind: 'coin', id: 'no-such-coin' }, 1)()).toEqual(E.left({ _tag: 'UpstreamNotFound', service: 'coingecko' }));
  });

  it('never writes the API key to the logs, whatever fails', async () => {
    const { logger, lines } = capturingLogger();
    const api = client({}, logger);
    gecko.failNext(1, { status: 429, retryAfterSeconds: 5 });
    gecko.failNext(1, { status: 500 });
    await api.coinPrices(['sei-network'])();
    await api.coinPrices(['sei-network'])();
    gecko.setDelayMs(500);
    await client({ timeoutMs: 100 }, logger).coinPrices(['sei-network'])();
    const keyed = await startFakeCoinGecko({ acceptedKeys: ['another-key'] });
    try {
      await makeCoinGeckoClient({ config: configFor(keyed.url), metrics, logger }).coinPrices(['sei-network'])();
    } finally {
      await keyed.stop();
    }
    expect(lines.length).toBe(4);
    for (const line of lines) expect(line).not.toContain(DEMO_KEY);
  });
});
