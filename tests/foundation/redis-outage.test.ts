import request from 'supertest';
import type { RunningServer } from '../../src/main';
import { startSpareRedis, type SpareRedis } from '../support/app/spare-redis';
import { startTestServer } from '../support/app/start-test-server';
import { waitFor } from '../support/wait-until';

describe('when Redis dies and returns while the app runs', () => {
  let redis: SpareRedis;
  let server: RunningServer;
  beforeAll(async () => {
    redis = await startSpareRedis();
    server = await startTestServer({ REDIS_URL: redis.url });
  });
  afterAll(async () => {
    await server.shutdown('done');
    await redis.stop();
  });

  const status = async () => (await request(server.app).get('/health')).body.data.checks.cache as string;

  it('keeps serving requests, reports degraded, then recovers by itself', async () => {
    expect(await status()).toBe('up');
    await redis.stop();
    await waitFor('the cache check to be down', async () => (await status()) === 'down', 5000);
    const during = await request(server.app).get('/health');
    expect(during.status).toBe(200);
    expect(during.body.data.status).toBe('degraded');
    expect((await request(server.app).get('/api/anything')).status).toBe(404);
    expect((await request(server.app).get('/health/live')).status).toBe(200);

    await redis.start();
    await waitFor('the cache check to be up again', async () => (await status()) === 'up', 10_000);
    expect((await request(server.app).get('/api/anything')).status).toBe(404);
  });
});
