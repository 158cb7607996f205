import request from 'supertest';
import type { RunningServer } from '../../src/main';
import { REAL_REDIS_URL, startTestServer, uniquePrefix } from '../support/app/start-test-server';

describe('rate limits shared through Redis by two app instances', () => {
  const limit = 5;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    // As behind nginx: X-Forwarded-For names the client (one trusted hop).
    const shared = { REDIS_URL: REAL_REDIS_URL, REDIS_KEY_PREFIX: uniquePrefix(), RATE_LIMIT_MAX_REQUESTS: String(limit), RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY_HOPS: '1' };
    [a, b] = await Promise.all([startTestServer(shared), startTestServer(shared)]);
  });
  afterAll(async () => {
    await Promise.all([a.shutdown('done'), b.shutdown('done')]);
  });

  it('lets exactly N of 2N alternating requests through and answers the rest 429 with Retry-After', async () => {
    const client = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 2 * limit; i++) {
      const res = await request((i % 2 === 0 ? a : b).app).get('/api/anything').set('X-Forwarded-For', client);
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body).toEqual({ success: false, error: { code: 'RATE_LIMITED', message: 'Too many requests, retry later' } });
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
    }
    expect(statuses.filter((s) => s === 404)).toHaveLength(limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(limit);
  });

  it('does not reset a client whose X-Forwarded-For is forged in front of the proxy', async () => {
    const client = '203.0.113.8';
    for (let i = 0; i < limit; i++) await request(a.app).get('/api/anything').set('X-Forwarded-For', client);
    // The client forges a first hop; nginx appends the real address, which is the one trusted.
    const forged = await request(b.app).get('/api/anything').set('X-Forwarded-For', `198.51.100.99, ${client}`);
    expect(forged.status).toBe(429);
    const someoneElse = await request(b.app).get('/api/anything').set('X-Forwarded-For', '203.0.113.9');
    expect(someoneElse.status).toBe(404);
  });
});
