import { waitUntil } from '../wait-until';
import { startFakeCoinGecko, type FakeCoinGecko } from './fake-coingecko';

const NOW = Date.UTC(2024, 0, 15, 12, 2, 30);
const WSEI = '0xE30feDd158A2e3b13e9badaeABaFc5516e95e8C7';
const USDC = '0xe15fC38F6D8c56aF07bbCBe3BAf5708A2Bf42392';

const getJson = async (url: string, init?: RequestInit): Promise<{ status: number; headers: Headers; body: unknown }> => {
  const response = await fetch(url, init);
  return { status: response.status, headers: response.headers, body: await response.json() };
};

describe('fake CoinGecko', () => {
  let gecko: FakeCoinGecko;

  beforeAll(async () => {
    gecko = await startFakeCoinGecko({
      now: () => NOW,
      prices: [
        { id: 'sei-network', usd: 0.5, change24h: 1.23, lastUpdatedAt: 1_700_000_000 },
        { platform: 'sei-v2', address: WSEI, usd: 0.51, change24h: -2.5, lastUpdatedAt: 1_700_000_100 },
      ],
    });
  });
  afterEach(() => gecko.reset());
  afterAll(() => gecko.stop());

  it('serves its base URL under /api/v3 on loopback and answers /ping', async () => {
    expect(gecko.url).toBe(`http://127.0.0.1:${gecko.port}/api/v3`);
    const { status, body } = await getJson(`${gecko.url}/ping`);
    expect(status).toBe(200);
    expect(body).toEqual({ gecko_says: '(V3) To the Moon!' });
  });

  it('answers /simple/price with only the known ids and only the asked-for fields', async () => {
    const full = await getJson(
      `${gecko.url}/simple/price?ids=sei-network,unknown-coin&vs_currencies=usd&include_24hr_change=true&include_last_updated_at=true`,
    );
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(full.body).toEqual({ 'sei-network': { usd: 0.5, usd_24h_change: 1.23, last_updated_at: 1_700_000_000 } });

    const bare = await getJson(`${gecko.url}/simple/price?ids=sei-network&vs_currencies=usd`);
    expect(bare.body).toEqual({ 'sei-network': { usd: 0.5 } });
  });

  it('answers 400 when a required parameter is missing', async () => {
    const { status, body } = await getJson(`${gecko.url}/simple/price?ids=sei-network`);
    expect(status).toBe(400);
    expect(body).toEqual({ error: 'Missing parameter vs_currencies' });
  });

  it('answers /simple/token_price keyed by lowercase address, whatever case was asked', async () => {
    gecko.setPrice({ platform: 'sei-v2', address: USDC, usd: 1, lastUpdatedAt: 1_700_000_200 });
    const unknown = '0x0000000000000000000000000000000000000001';
    const { status, body } = await getJson(
      `${gecko.url}/simple/token_price/sei-v2?contract_addresses=${WSEI},${USDC.toUpperCase().replace('0X', '0x')},${unknown}&vs_currencies=usd&include_24hr_change=true&include_last_updated_at=true`,
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      [WSEI.toLowerCase()]: { usd: 0.51, usd_24h_change: -2.5, last_updated_at: 1_700_000_100 },
      [USDC.toLowerCase()]: { usd: 1, usd_24h_change: 0, last_updated_at: 1_700_000_200 },
    });
  });

  it('does not serve a token on another platform', async () => {
    const { body } = await getJson(`${gecko.url}/simple/token_price/ethereum?contract_addresses=${WSEI}&vs_currencies=usd`);
    expect(body).toEqual({});
  });

  it('forgets a removed price and takes a changed one; reset restores the starting prices', async () => {
    gecko.removePrice({ id: 'sei-network' });
    gecko.setPrice({ platform: 'sei-v2', address: WSEI, usd: 0.75, change24h: null, lastUpdatedAt: 1 });
    expect((await getJson(`${gecko.url}/simple/price?ids=sei-network&vs_currencies=usd`)).body).toEqual({});
    expect(
      (await getJson(`${gecko.url}/simple/token_price/sei-v2?contract_addresses=${WSEI}&vs_currencies=usd&include_24hr_change=true`))
        .body,
    ).toEqual({ [WSEI.toLowerCase()]: { usd: 0.75, usd_24h_change: null } });
    gecko.reset();
    expect((await getJson(`${gecko.url}/simple/price?ids=sei-network&vs_currencies=usd`)).body).toEqual({
      'sei-network': { usd: 0.5 },
    });
  });

  it('answers /coins/{id}/market_chart with 5-minute points for one day, ending at now with the current price', async () => {
    const { status, body } = await getJson(`${gecko.url}/coins/sei-network/market_chart?vs_currency=usd&days=1`);
    expect(status).toBe(200);
    const chart = body as { prices: [number, number][]; market_caps: [number, number][]; total_volumes: [number, number][] };
    expect(Object.keys(chart).sort()).toEqual(['market_caps', 'prices', 'total_volumes']);
    // 288 aligned 5-minute points in the last 24 h, plus the current point.
    expect(chart.prices).toHaveLength(289);
    expect(chart.prices[0]?.[0]).toBe(NOW - 24 * 3_600_000 + 2.5 * 60_000);
    expect(chart.prices[1]?.[0]).toBe(NOW - 24 * 3_600_000 + 7.5 * 60_000);
    expect(chart.prices.at(-1)).toEqual([NOW, 0.5]);
    expect(chart.market_caps.at(-1)).toEqual([NOW, 0.5 * 1e9]);
    expect(chart.total_volumes).toHaveLength(289);
    for (const [, price] of chart.prices) {
      expect(price).toBeGreaterThanOrEqual(0.5 * 0.97);
      expect(price).toBeLessThanOrEqual(0.5 * 1.03);
    }
  });

  it('uses hourly points up to 90 days and daily points beyond', async () => {
    const week = (await getJson(`${gecko.url}/coins/sei-network/market_chart?vs_currency=usd&days=7`)).body as {
      prices: [number, number][];
    };
    expect(week.prices).toHaveLength(7 * 24 + 1);
    const year = (await getJson(`${gecko.url}/coins/sei-network/market_chart?vs_currency=usd&days=365`)).body as {
      prices: [number, number][];
    };
    expect(year.prices).toHaveLength(365 + 1);
    expect((year.prices[1]?.[0] ?? 0) - (year.prices[0]?.[0] ?? 0)).toBe(86_400_000);
  });

  it('serves the contract market chart and 404s an unknown coin', async () => {
    const contract = await getJson(`${gecko.url}/coins/sei-v2/contract/${WSEI}/market_chart?vs_currency=usd&days=1`);
    expect(contract.status).toBe(200);
    expect((contract.body as { prices: [number, number][] }).prices.at(-1)).toEqual([NOW, 0.51]);

    const missing = await getJson(`${gecko.url}/coins/not-a-coin/market_chart?vs_currency=usd&days=1`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ error: 'coin not found' });
  });

  it('serves a scripted chart limited to the asked window', async () => {
    const day = 86_400_000;
    gecko.setMarketChart({ id: 'sei-network', prices: [[NOW - 10 * day, 0.3], [NOW - 2 * day, 0.4], [NOW, 0.5]] });
    const { body } = await getJson(`${gecko.url}/coins/sei-network/market_chart?vs_currency=usd&days=3`);
    expect(body).toEqual({
      prices: [[NOW - 2 * day, 0.4], [NOW, 0.5]],
      market_caps: [[NOW - 2 * day, 0.4 * 1e9], [NOW, 0.5 * 1e9]],
      total_volumes: [[NOW - 2 * day, 0.4 * 5e6], [NOW, 0.5 * 5e6]],
    });
  });

  it('fails the next requests with 429, Retry-After and the real error body, then recovers', async () => {
    gecko.failNext(2, { status: 429, retryAfterSeconds: 30 });
    const url = `${gecko.url}/simple/price?ids=sei-network&vs_currencies=usd`;
    const first = await getJson(url);
    const second = await getJson(url);
    const third = await getJson(url);
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('30');
    expect(first.body).toEqual({
      status: {
        error_code: 429,
        error_message:
          "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits.",
      },
    });
    expect(second.status).toBe(429);
    expect(third.status).toBe(200);
    expect(gecko.requests().map((r) => r.status)).toEqual([429, 429, 200]);
  });

  it('keeps failing with setFailing until cleared', async () => {
    gecko.setFailing(503);
    expect((await fetch(`${gecko.url}/ping`)).status).toBe(503);
    expect((await fetch(`${gecko.url}/ping`)).status).toBe(503);
    gecko.setFailing(500);
    expect((await fetch(`${gecko.url}/ping`)).status).toBe(500);
    gecko.setFailing(null);
    expect((await fetch(`${gecko.url}/ping`)).status).toBe(200);
  });

  it('records method, relative path, query, API key and time, and counts by path prefix', async () => {
    const before = Date.now();
    await fetch(`${gecko.url}/simple/price?ids=sei-network&vs_currencies=usd`, { headers: { 'x-cg-demo-api-key': 'demo-1' } });
    await fetch(`${gecko.url}/simple/token_price/sei-v2?contract_addresses=${WSEI}&vs_currencies=usd`);
    await fetch(`${gecko.url}/ping?x_cg_pro_api_key=pro-1`);
    const [price, token, ping] = gecko.requests();
    expect(price).toMatchObject({
      method: 'GET',
      path: '/simple/price',
      query: { ids: 'sei-network', vs_currencies: 'usd' },
      apiKey: 'demo-1',
      status: 200,
    });
    expect(price?.headers['x-cg-demo-api-key']).toBe('demo-1');
    expect(price?.at).toBeGreaterThanOrEqual(before);
    expect(token?.apiKey).toBeUndefined();
    expect(ping?.apiKey).toBe('pro-1');
    expect(gecko.requestCount()).toBe(3);
    expect(gecko.requestCount('/simple')).toBe(2);
    expect(gecko.requestCount('/simple/token_price')).toBe(1);
    gecko.reset();
    expect(gecko.requestCount()).toBe(0);
  });

  it('holds answers until released, recording the requests as they arrive, and tracks concurrent requests', async () => {
    const release = gecko.holdAnswers();
    let answered = 0;
    const statuses = Promise.all(
      [1, 2, 3].map(async () => {
        const { status } = await fetch(`${gecko.url}/ping`);
        answered += 1;
        return status;
      }),
    );
    await waitUntil(() => (gecko.requestCount() === 3 ? true : undefined), 5_000, () => `${gecko.requestCount()} requests arrived`);
    expect(answered).toBe(0);
    release();
    expect(await statuses).toEqual([200, 200, 200]);
    expect(gecko.requests().map((r) => r.status)).toEqual([200, 200, 200]);
    expect(gecko.maxConcurrency()).toBe(3);
  });

  it('lets a client time out on a slow answer without leaving the request pending', async () => {
    gecko.setDelayMs(5_000);
    await expect(fetch(`${gecko.url}/ping`, { signal: AbortSignal.timeout(100) })).rejects.toThrow();
    gecko.setDelayMs(0);
    expect((await fetch(`${gecko.url}/ping`)).status).toBe(200);
    expect(gecko.requests().map((r) => r.status)).toEqual([undefined, 200]);
  });
});

describe('fake CoinGecko with requireKey', () => {
  it('answers 401 with the real error shape when no key is sent, and accepts either key header', async () => {
    const gecko = await startFakeCoinGecko({ requireKey: true });
    try {
      const missing = await getJson(`${gecko.url}/ping`);
      expect(missing.status).toBe(401);
      expect(missing.body).toEqual({ status: { error_code: 10002, error_message: 'API Key Missing' } });
      expect((await fetch(`${gecko.url}/ping`, { headers: { 'x-cg-demo-api-key': 'd' } })).status).toBe(200);
      expect((await fetch(`${gecko.url}/ping`, { headers: { 'x-cg-pro-api-key': 'p' } })).status).toBe(200);
      expect(gecko.requests().map((r) => r.apiKey)).toEqual([undefined, 'd', 'p']);
    } finally {
      await gecko.stop();
    }
  });

  it('refuses a key outside acceptedKeys', async () => {
    const gecko = await startFakeCoinGecko({ acceptedKeys: ['good'] });
    try {
      const wrong = await getJson(`${gecko.url}/ping`, { headers: { 'x-cg-demo-api-key': 'bad' } });
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual({ status: { error_code: 10002, error_message: 'Invalid API Key' } });
      expect((await fetch(`${gecko.url}/ping`, { headers: { 'x-cg-demo-api-key': 'good' } })).status).toBe(200);
    } finally {
      await gecko.stop();
    }
  });
});
