import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { mintTokens, type TestToken, deployTestTokens } from '../support/devnet';
import { startAppOnHarness, startChainHarness, tokenSpecs, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import { makeTestClock } from '../support/test-clock';

const freshWallet = () => privateKeyToAccount(generatePrivateKey()).address;

describe('when upstreams fail', () => {
  let h: ChainHarness;
  let tokens: ReadonlyArray<TestToken>;
  let app: RunningServer;
  let removeRegistry: () => void;
  const clock = makeTestClock();

  beforeAll(async () => {
    h = await startChainHarness();
    tokens = await deployTestTokens(h.devnet, tokenSpecs(3));
    tokens.forEach((tk) => h.gecko.setPrice({ platform: 'sei-v2', address: tk.address, usd: 2 }));
    h.gecko.setPrice({ id: 'sei-network', usd: 0.5 });
    const registry = writeRegistryFile({ tokens: tokens.map((tk) => ({ address: tk.address, symbol: tk.symbol, decimals: tk.decimals })) });
    removeRegistry = registry.remove;
    app = await startAppOnHarness(h, registry.file, { CACHE_TTL_PRICES: '1', CACHE_TTL_PORTFOLIO: '1', RPC_RETRY_COUNT: '0' }, { now: clock.now });
  });
  afterAll(async () => {
    await app.shutdown('done');
    await h.stop();
    removeRegistry();
  });

  it('serves the old prices flagged stale when CoinGecko answers 429 then 500, without a request storm', async () => {
    const wallet = freshWallet();
    const tk = tokens[0];
    if (tk === undefined) throw new Error('no token');
    await mintTokens(h.devnet, [{ token: tk.address, to: wallet, amount: 10n * 10n ** BigInt(tk.decimals) }]);
    const fresh = (await request(app.app).get(`/api/portfolio/${wallet}`)).body.data;
    expect(fresh.tokenBalances[1]).toMatchObject({ priceUSD: 2, valueUSD: 20, priceStale: false });

    clock.advance(1001); // the cached prices (CACHE_TTL_PRICES=1) expire
    const before = h.gecko.requestCount();
    h.gecko.failNext(1, { status: 429, retryAfterSeconds: 30 });
    h.gecko.setFailing(500);
    for (let i = 0; i < 5; i++) {
      const p = (await request(app.app).post(`/api/portfolio/${wallet}/refresh`)).body.data;
      expect(p.tokenBalances[1]).toMatchObject({ priceUSD: 2, valueUSD: 20, priceStale: true });
      expect(p.totalValueUSD).toBe(20);
    }
    // One batch hit the 429 and opened the circuit: nothing else reached CoinGecko.
    expect(h.gecko.requestCount() - before).toBeLessThanOrEqual(2);
    h.gecko.setFailing(null);
  });

  it('serves the stored snapshot marked stale when the chain is down, and 503 when there is none', async () => {
    const known = freshWallet();
    await request(app.app).post(`/api/portfolio/${known}/refresh`).expect(200);
    clock.advance(1001); // the cached portfolio (CACHE_TTL_PORTFOLIO=1) expires
    h.proxy.setFailing(true, 'http-503');
    try {
      const stale = await request(app.app).get(`/api/portfolio/${known}`);
      expect(stale.status).toBe(200);
      expect(stale.body.data.stale).toBe(true);
      expect(stale.body.data.walletAddress).toBe(known);
      expect(stale.body.data.cachedAt).toEqual(expect.stringMatching(/^\d{4}-/));

      const unknown = await request(app.app).get(`/api/portfolio/${freshWallet()}`);
      expect(unknown.status).toBe(503);
      expect(unknown.body).toEqual({
        success: false,
        error: { code: 'RPC_UNAVAILABLE', message: 'The Sei RPC is unreachable and no stored copy exists' },
      });
      const health = await request(app.app).get('/health');
      expect(health.status).toBe(200);
    } finally {
      h.proxy.setFailing(false);
    }
  });
});
