import request from 'supertest';
import type { RunningServer } from '../../src/main';
import { startSpareRedis, type SpareRedis } from '../support/app/spare-redis';
import { startTestServer, uniquePrefix } from '../support/app/start-test-server';
import { waitFor } from '../support/wait-until';

describe('rate limits when Redis comes up only after the app started', () => {
  const limit = 3;
  let spare: SpareRedis;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    spare = await startSpareRedis();
    await spare.stop();
    const shared = { REDIS_URL: spare.url, REDIS_KEY_PREFIX: uniquePrefix(), AI_RATE_LIMIT_MAX: String(limit), AI_RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY_HOPS: '1' };
    [a, b] = await Promise.all([startTestServer(shared), startTestServer(shared)]);
    await spare.start();
    const cacheUp = async (app: RunningServer) => ((await request(app.app).get('/health')).body as { data?: { checks?: { cache?: string } } }).data?.checks?.cache === 'up';
    await waitFor('both instances to reach the restarted Redis', async () => (await cacheUp(a)) && (await cacheUp(b)));
  });
  afterAll(async () => {
    await Promise.all([a.shutdown('done'), b.shutdown('done')]);
    await spare.stop();
  });

  it('counts the /api/ai limit in Redis again (rate-limit-redis initialised late): one budget for both instances', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 2 * limit; i++) {
      const res = await request((i % 2 === 0 ? a : b).app).get('/api/ai/nothing-here').set('X-Forwarded-For', '203.0.113.40');
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s !== 429)).toHaveLength(limit);
    expect(statuses.slice(limit)).toEqual([429, 429, 429]);
  });
});
