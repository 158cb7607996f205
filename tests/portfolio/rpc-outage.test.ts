import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Address } from 'viem';
import type { RunningServer } from '../../src/main';
import { mintTokens } from '../support/devnet';
import { startAppOnHarness, startTokensHarness, type TokensHarness } from '../support/app/chain-harness';
import { REAL_REDIS_URL, uniquePrefix } from '../support/app/start-test-server';

const freshWallet = (): Address => privateKeyToAccount(generatePrivateKey()).address;

describe('when the RPC hangs', () => {
  let h: TokensHarness;
  let writer: RunningServer;
  let workerA: RunningServer;
  let workerB: RunningServer;

  beforeAll(async () => {
    h = await startTokensHarness(2);
    // Stores the snapshots while the RPC is healthy, with a cache of its own so the two workers start cold.
    writer = await startAppOnHarness(h, h.registryFile, { REDIS_URL: REAL_REDIS_URL });
    // Two workers of one cluster: one Redis prefix, so the RPC circuit is shared. A small read deadline keeps the
    // first read short; a long open period keeps the circuit open for the whole test.
    const cluster = { REDIS_URL: REAL_REDIS_URL, REDIS_KEY_PREFIX: uniquePrefix(), RPC_READ_DEADLINE_MS: '300', RPC_CIRCUIT_OPEN_SECONDS: '600' };
    [workerA, workerB] = await Promise.all([startAppOnHarness(h, h.registryFile, cluster), startAppOnHarness(h, h.registryFile, cluster)]);
  });
  afterAll(async () => {
    h.proxy.setFailing(false);
    await Promise.all([writer.shutdown('done'), workerA.shutdown('done'), workerB.shutdown('done')]);
    await h.stop();
  });

  it('answers the stored snapshot stale at the read deadline, then every worker answers stale at once without calling the RPC', async () => {
    const wallets = [freshWallet(), freshWallet(), freshWallet()];
    const tk = h.tokens[0];
    if (tk === undefined) throw new Error('no token');
    await mintTokens(h.devnet, wallets.map((to) => ({ token: tk.address, to, amount: 10n * 10n ** BigInt(tk.decimals) })));
    for (const wallet of wallets) expect((await request(writer.app).post(`/api/portfolio/${wallet}/refresh`)).status).toBe(200);
    const [first, second, third] = wallets;

    h.proxy.setFailing(true, 'hang');
    h.proxy.reset();
    const hung = await request(workerA.app).get(`/api/portfolio/${first}`);
    expect([hung.status, hung.body.data.walletAddress, hung.body.data.stale, hung.body.data.totalValueUSD]).toEqual([200, first, true, 20]);
    expect(h.proxy.stats().httpRequests).toBe(1);

    const onOtherWorker = await request(workerB.app).get(`/api/portfolio/${second}`);
    const summary = await request(workerB.app).get(`/api/portfolio/${third}/summary`);
    const refreshed = await request(workerA.app).post(`/api/portfolio/${first}/refresh`);
    const neverStored = await request(workerB.app).get(`/api/portfolio/${freshWallet()}`);
    const health = await request(workerB.app).get('/health');
    const metrics = await request(workerA.app).get('/metrics');
    // The one hung read is all the RPC ever saw: the circuit answered everything after it, on both workers.
    expect(h.proxy.stats().httpRequests).toBe(1);
    expect([onOtherWorker.status, onOtherWorker.body.data.walletAddress, onOtherWorker.body.data.stale]).toEqual([200, second, true]);
    expect([summary.status, summary.body.data.totalValueUSD, summary.body.data.stale, typeof summary.body.data.cachedAt]).toEqual([200, 20, true, 'string']);
    expect([refreshed.status, refreshed.body.data.stale]).toEqual([200, true]);
    expect([neverStored.status, neverStored.body.error.code]).toEqual([503, 'RPC_UNAVAILABLE']);
    expect([health.status, health.body.data.status, health.body.data.checks.rpc]).toEqual([200, 'degraded', 'down']);
    expect(metrics.text).toContain('upstream_circuit_open{service="rpc"} 1');
  });
});
