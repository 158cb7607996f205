import { Redis } from 'ioredis';
import request from 'supertest';
import type { RunningServer } from '../../src/main';
import { startSpareRedis, type SpareRedis } from '../support/app/spare-redis';
import { startTestServer, uniquePrefix } from '../support/app/start-test-server';

/** How many EVALs (lease requests) the Redis server ran, from its own command statistics. */
const evalCalls = async (redis: Redis): Promise<number> => Number(/cmdstat_eval:calls=(\d+)/.exec(await redis.info('commandstats'))?.[1] ?? 0);

describe('the /api limit counted in Redis leases by two app instances', () => {
  const limit = 100;
  const prefix = uniquePrefix();
  let spare: SpareRedis;
  let redis: Redis;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    spare = await startSpareRedis();
    redis = new Redis(spare.url, { keyPrefix: prefix });
    const shared = { REDIS_URL: spare.url, REDIS_KEY_PREFIX: prefix, RATE_LIMIT_MAX_REQUESTS: String(limit), RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY_HOPS: '1' };
    [a, b] = await Promise.all([startTestServer(shared), startTestServer(shared)]);
  });
  afterAll(async () => {
    await Promise.all([a.shutdown('done'), b.shutdown('done')]);
    redis.disconnect();
    await spare.stop();
  });

  const hit = (app: RunningServer, client: string) => request(app.app).get('/api/anything').set('X-Forwarded-For', client);

  it('sends the draft-8 RateLimit and RateLimit-Policy headers', async () => {
    const res = await hit(a, '203.0.113.20');
    expect(res.status).toBe(404);
    expect(res.headers['ratelimit-policy']).toMatch(/^"100-in-1min"; q=100; w=60; pk=:[A-Za-z0-9+/=]+:$/);
    expect(res.headers['ratelimit']).toMatch(/^"100-in-1min"; r=99; t=(59|60)$/);
  });

  it('lets exactly the limit through 3× the limit of concurrent requests across both, with far fewer Redis round trips than requests', async () => {
    const client = '203.0.113.21';
    const evalsBefore = await evalCalls(redis);
    const answers = await Promise.all(Array.from({ length: 3 * limit }, (_, i) => hit(i % 2 === 0 ? a : b, client)));
    const statuses = answers.map((r) => r.status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2 * limit);
    const refused = answers.find((r) => r.status === 429);
    expect(refused?.body).toEqual({ success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests, retry later' } });
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Redis granted the whole budget and not one point more.
    expect(await redis.get(`rl:api:${client}`)).toBe(String(limit));
    // Leases shrink towards 1 point near the limit (docs/adr/009), so ~20 grants cover 100 points; refusals are answered locally.
    expect(await evalCalls(redis)).toBeLessThan(evalsBefore + 40);
  });

  it('while Redis is down, still limits each instance in memory', async () => {
    await spare.stop();
    const client = '203.0.113.22';
    const statuses: number[] = [];
    for (let i = 0; i < limit + 2; i++) statuses.push((await hit(a, client)).status);
    expect(statuses.filter((s) => s === 404)).toHaveLength(limit);
    expect(statuses.slice(limit)).toEqual([429, 429]);
    await spare.start(); // the instances shut down cleanly with their Redis back
  });
});
