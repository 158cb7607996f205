import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { signIn } from '../auth/sign-in';
import { startAppOnHarness, startChainHarness, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import { counterValue, waitForCount } from '../support/metric-count';

describe('alerts evaluated on fresh portfolio reads (devnet, fake CoinGecko, the app as main.ts wires it)', () => {
  let h: ChainHarness;
  let server: RunningServer;
  let removeRegistry: () => void;
  beforeAll(async () => {
    h = await startChainHarness();
    h.gecko.setPrice({ id: 'sei-network', usd: 0.25, change24h: 0 });
    const registry = writeRegistryFile({ tokens: [] });
    removeRegistry = registry.remove;
    server = await startAppOnHarness(h, registry.file);
  }, 120_000);
  afterAll(async () => {
    await server?.shutdown('test done');
    await h?.stop();
    removeRegistry?.();
  });

  it('a read of the wallet fires its price alert once; a refresh while the price stays does not fire it again', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const token = await signIn(server.app, account);
    const authed = (req: request.Test) => req.set('Authorization', `Bearer ${token}`);
    expect((await authed(request(server.app).post('/api/alerts').send({ type: 'price_below', threshold: 0.3, token: 'native' }))).status).toBe(201);
    const events = async () => (await authed(request(server.app).get('/api/alerts/events'))).body.data.events as ReadonlyArray<{ type: string; message: string }>;

    const evaluated = await counterValue(server.metrics.alertEvaluations, { outcome: 'ok' });
    expect((await request(server.app).get(`/api/portfolio/${account.address}`)).status).toBe(200);
    await waitForCount(server.metrics.alertEvaluations, { outcome: 'ok' }, evaluated + 1);
    expect((await events()).map((e) => [e.type, e.message])).toEqual([['price_below', 'SEI is at $0.25, below your alert price of $0.30.']]);

    expect((await request(server.app).post(`/api/portfolio/${account.address}/refresh`)).status).toBe(200);
    // The refresh's evaluation has settled: it fired nothing more.
    await waitForCount(server.metrics.alertEvaluations, { outcome: 'ok' }, evaluated + 2);
    expect(await events()).toHaveLength(1);
    expect((await authed(request(server.app).get('/api/alerts'))).body.data.alerts[0].armed).toBe(false);
  });
});
