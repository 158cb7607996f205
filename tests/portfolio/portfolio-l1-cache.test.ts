import { Redis } from 'ioredis';
import request from 'supertest';
import { parseEther, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { startAppOnHarness, startTokensHarness, type TokensHarness } from '../support/app/chain-harness';
import { startSpareRedis, type SpareRedis } from '../support/app/spare-redis';
import { uniquePrefix } from '../support/app/start-test-server';
import { waitUntil } from '../support/wait-until';

/** How many times the Redis server ran `command`, from its own command statistics. */
const calls = async (redis: Redis, command: string): Promise<number> => Number(new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(await redis.info('commandstats'))?.[1] ?? 0);

describe('the portfolio kept in process (L1) by two app instances sharing Redis', () => {
  let h: TokensHarness;
  let spare: SpareRedis;
  let redis: Redis;
  let a: RunningServer;
  let b: RunningServer;
  const wallet: Address = privateKeyToAccount(generatePrivateKey()).address;

  beforeAll(async () => {
    h = await startTokensHarness(1);
    spare = await startSpareRedis();
    redis = new Redis(spare.url);
    // A long TTL: only an invalidation can make an instance drop its copy within the test.
    const env = { REDIS_URL: spare.url, REDIS_KEY_PREFIX: uniquePrefix(), CACHE_TTL_PORTFOLIO: '3600' };
    [a, b] = await Promise.all([startAppOnHarness(h, h.registryFile, env), startAppOnHarness(h, h.registryFile, env)]);
  });
  afterAll(async () => {
    await Promise.all([a.shutdown('done'), b.shutdown('done')]);
    redis.disconnect();
    await spare.stop();
    await h.stop();
  });

  const read = (app: RunningServer) => request(app.app).get(`/api/portfolio/${wallet}`);

  it('answers repeated reads and their 304s from process memory, without a Redis round trip', async () => {
    await h.devnet.setBalance(wallet, parseEther('2'));
    expect((await read(a)).status).toBe(200); // the fresh read (no cachedAt yet)
    const first = await read(a);
    expect(first.status).toBe(200);
    expect(first.body.data.totalValueUSD).toBe(1); // 2 SEI at $0.5
    expect(typeof first.body.data.cachedAt).toBe('string');
    const etag = String(first.headers['etag']);
    expect((await read(b)).headers['etag']).toBe(etag);
    const [getsBefore, evalsBefore] = [await calls(redis, 'get'), await calls(redis, 'eval')];
    for (let i = 0; i < 10; i++) {
      const again = await read(i % 2 === 0 ? a : b);
      expect(again.status).toBe(200);
      expect(again.headers['etag']).toBe(etag);
      expect(again.text).toBe(first.text);
      const notModified = await read(i % 2 === 0 ? b : a).set('If-None-Match', etag);
      expect(notModified.status).toBe(304);
    }
    // Neither the cache nor the rate limit asked Redis: the copies and the rate-limit leases are local.
    expect(await calls(redis, 'get')).toBe(getsBefore);
    expect(await calls(redis, 'eval')).toBe(evalsBefore);
  });

  it('drops the copy on the other instance when one instance reads the chain afresh', async () => {
    const before = await read(b);
    const oldEtag = String(before.headers['etag']);
    await h.devnet.setBalance(wallet, parseEther('5'));
    const refreshed = await request(a.app).post(`/api/portfolio/${wallet}/refresh`);
    expect(refreshed.status).toBe(200);
    // B drops its copy when A's invalidation arrives (pub/sub), and then reads the new value from Redis.
    const after = await waitUntil(
      async () => {
        const res = await read(b);
        return res.headers['etag'] === oldEtag ? undefined : res;
      },
      10_000,
      () => 'instance B still serves the portfolio read before the refresh',
    );
    expect(after.status).toBe(200);
    expect(after.body.data.totalValueUSD).toBe(2.5); // 5 SEI at $0.5
    expect(after.headers['etag']).toBe((await read(a)).headers['etag']);
  });
});
