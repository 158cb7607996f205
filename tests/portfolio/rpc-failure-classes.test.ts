import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Address } from 'viem';
import type { RunningServer } from '../../src/main';
import { mintTokens } from '../support/devnet';
import { startAppOnHarness, startTokensHarness, type TokensHarness } from '../support/app/chain-harness';
import { REAL_REDIS_URL, uniquePrefix } from '../support/app/start-test-server';

const freshWallet = (): Address => privateKeyToAccount(generatePrivateKey()).address;

describe('when a chain read fails, the answer follows why it failed', () => {
  let h: TokensHarness;
  let writer: RunningServer;
  let app: RunningServer;
  let stored: Address;

  beforeAll(async () => {
    h = await startTokensHarness(1);
    writer = await startAppOnHarness(h, h.registryFile, { REDIS_URL: REAL_REDIS_URL });
    // No retries and a circuit that never opens, so every read meets the failure itself; a short RPC timeout
    // well inside the read deadline, so a hang is viem's timeout and not the deadline.
    app = await startAppOnHarness(h, h.registryFile, {
      REDIS_URL: REAL_REDIS_URL,
      REDIS_KEY_PREFIX: uniquePrefix(),
      RPC_RETRY_COUNT: '0',
      RPC_CIRCUIT_FAILURES: '1000',
      RPC_TIMEOUT_MS: '200',
      RPC_READ_DEADLINE_MS: '10000',
    });
    stored = freshWallet();
    const tk = h.tokens[0];
    if (tk === undefined) throw new Error('no token');
    await mintTokens(h.devnet, [{ token: tk.address, to: stored, amount: 10n * 10n ** BigInt(tk.decimals) }]);
    expect((await request(writer.app).post(`/api/portfolio/${stored}/refresh`)).status).toBe(200);
  });
  afterEach(() => h.proxy.setFailing(false));
  afterAll(async () => {
    await Promise.all([writer.shutdown('done'), app.shutdown('done')]);
    await h.stop();
  });

  it('when the RPC rate-limits (HTTP 429): the stored snapshot stale, else 503 UPSTREAM_UNAVAILABLE', async () => {
    h.proxy.setFailing(true, 'http-429');
    const fromSnapshot = await request(app.app).get(`/api/portfolio/${stored}`);
    const neverStored = await request(app.app).get(`/api/portfolio/${freshWallet()}`);
    expect([fromSnapshot.status, fromSnapshot.body.data.stale, fromSnapshot.body.data.totalValueUSD]).toEqual([200, true, 20]);
    expect([neverStored.status, neverStored.body.error]).toEqual([503, { code: 'UPSTREAM_UNAVAILABLE', message: 'Sei RPC is unreachable' }]);
  });

  it('when the RPC times out: the stored snapshot stale, else 503 TIMEOUT', async () => {
    h.proxy.setFailing(true, 'hang');
    const fromSnapshot = await request(app.app).post(`/api/portfolio/${stored}/refresh`);
    const neverStored = await request(app.app).get(`/api/portfolio/${freshWallet()}`);
    expect([fromSnapshot.status, fromSnapshot.body.data.stale, fromSnapshot.body.data.totalValueUSD]).toEqual([200, true, 20]);
    expect([neverStored.status, neverStored.body.error]).toEqual([503, { code: 'TIMEOUT', message: 'The request took too long' }]);
  });

  it('when the RPC is down (HTTP 503): the stored snapshot stale, else 503 RPC_UNAVAILABLE', async () => {
    h.proxy.setFailing(true, 'http-503');
    const fromSnapshot = await request(app.app).post(`/api/portfolio/${stored}/refresh`);
    const neverStored = await request(app.app).get(`/api/portfolio/${freshWallet()}`);
    expect([fromSnapshot.status, fromSnapshot.body.data.stale, fromSnapshot.body.data.totalValueUSD]).toEqual([200, true, 20]);
    expect([neverStored.status, neverStored.body.error.code]).toEqual([503, 'RPC_UNAVAILABLE']);
  });
});
