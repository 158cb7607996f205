import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { Address } from 'viem';
import type { RunningServer } from '../../src/main';
import { associateSeiAddress } from '../support/devnet';
import { startAppOnHarness, startTokensHarness, type TokensHarness } from '../support/app/chain-harness';
import { REAL_REDIS_URL } from '../support/app/start-test-server';

const freshWallet = (): Address => privateKeyToAccount(generatePrivateKey()).address;
const SEI1 = 'sei1qy352eufqy352eufqy352eufqy352eufs8zd3m';

describe('POST /api/portfolio/:address/refresh, 6 per minute', () => {
  let h: TokensHarness;
  let direct: RunningServer;
  let behindProxy: RunningServer;

  beforeAll(async () => {
    h = await startTokensHarness(2);
    // Reached directly, as `npm start` runs: TRUST_PROXY_HOPS left at its default.
    direct = await startAppOnHarness(h, h.registryFile, { REDIS_URL: REAL_REDIS_URL });
    behindProxy = await startAppOnHarness(h, h.registryFile, { REDIS_URL: REAL_REDIS_URL, TRUST_PROXY_HOPS: '1' });
  });
  afterAll(async () => {
    await Promise.all([direct.shutdown('done'), behindProxy.shutdown('done')]);
    await h.stop();
  });

  const snapshotRows = async (app: RunningServer, wallet: Address): Promise<number> =>
    (await app.database.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM portfolio_snapshots WHERE wallet = $1', [wallet])).rows[0]?.n ?? -1;

  it('holds per real client when the app is reached directly: a rotating X-Forwarded-For does not reset it', async () => {
    const wallet = freshWallet();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await request(direct.app).post(`/api/portfolio/${wallet}/refresh`).set('X-Forwarded-For', `203.0.113.${i + 1}`);
      statuses.push(res.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429, 429]);
    expect(await snapshotRows(direct, wallet)).toBe(6);
  });

  it('keys on the resolved wallet: sei1, lower-case and checksummed spellings of one wallet share one budget', async () => {
    const wallet = freshWallet();
    await associateSeiAddress(h.devnet, SEI1, wallet);
    const spellings = [SEI1, wallet.toLowerCase(), wallet, SEI1, wallet.toLowerCase(), wallet, SEI1, wallet.toLowerCase(), wallet];
    const answers: Array<[string, number, string | undefined]> = [];
    for (const spelling of spellings) {
      const res = await request(direct.app).post(`/api/portfolio/${spelling}/refresh`);
      answers.push([spelling, res.status, res.body.error?.code]);
    }
    expect(answers.map(([, status]) => status)).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429]);
    expect(answers.slice(6).map(([, , code]) => code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED', 'RATE_LIMITED']);
    expect(await snapshotRows(direct, wallet)).toBe(6);
  });

  it('behind one trusted proxy, counts each client the proxy names separately', async () => {
    const wallet = freshWallet();
    const refresh = (client: string) => request(behindProxy.app).post(`/api/portfolio/${wallet}/refresh`).set('X-Forwarded-For', client);
    const first: number[] = [];
    for (let i = 0; i < 7; i++) first.push((await refresh('198.51.100.7')).status);
    expect(first).toEqual([200, 200, 200, 200, 200, 200, 429]);
    expect((await refresh('198.51.100.8')).status).toBe(200);
    expect(await snapshotRows(behindProxy, wallet)).toBe(7);
  });
});
