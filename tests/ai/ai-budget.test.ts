import request from 'supertest';
import type { RunningServer } from '../../src/main';
import { REAL_REDIS_URL, uniquePrefix } from '../support/app/start-test-server';
import { startAiHarness, TEST_MAX_TOKENS, TEST_MODEL, tokenFor, type AiHarness } from './ai-harness';

jest.setTimeout(120_000);

describe('AI cost control per wallet, shared by two app instances through Redis', () => {
  let h: AiHarness;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    h = await startAiHarness();
    // As behind nginx: X-Forwarded-For names the client (one trusted hop).
    const shared = { REDIS_URL: REAL_REDIS_URL, REDIS_KEY_PREFIX: uniquePrefix(), AI_DAILY_TOKEN_BUDGET: '1000', AI_RATE_LIMIT_MAX: '3', AI_RATE_LIMIT_WINDOW_MS: '60000', TRUST_PROXY_HOPS: '1' };
    [a, b] = await Promise.all([h.startApp(shared), h.startApp(shared)]);
  });
  afterEach(() => h.fake.reset());
  afterAll(() => h.stop());

  it('refuses a wallet over its daily token budget with 429 AI_BUDGET_EXCEEDED on the other instance, while another wallet still gets answers', async () => {
    const [spender, other] = [await h.holder(), await h.holder()];
    const [spenderToken, otherToken] = [await tokenFor(a, spender), await tokenFor(b, other)];
    // One call reports 900 + 200 tokens: the call that crosses the 1000-token budget completes; the next is refused.
    h.fake.enqueue({ content: 'First answer.', usage: { promptTokens: 900, completionTokens: 200 } });
    const first = await request(a.app).post('/api/chat/message').set('Authorization', `Bearer ${spenderToken}`).send({ message: 'hello' });
    expect(first.status).toBe(200);
    expect(first.body.data.provider).toBe('openai');
    const tokens = (await a.metrics.aiTokens.get()).values.map((v) => [v.labels.kind, v.value]);
    expect(tokens.sort()).toEqual([
      ['completion', 200],
      ['prompt', 900],
    ]);

    const before = Date.now();
    const refused = await request(b.app).post('/api/chat/message').set('Authorization', `Bearer ${spenderToken}`).send({ message: 'hello again' });
    const after = Date.now();
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ success: false, error: { code: 'AI_BUDGET_EXCEEDED', message: 'Too many requests, retry later' } });
    // The budget is back at the next UTC midnight: Retry-After is the whole seconds to it, from some time within the request.
    const midnight = new Date(before);
    midnight.setUTCHours(24, 0, 0, 0);
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(Math.floor((midnight.getTime() - after) / 1000));
    expect(retryAfter).toBeLessThanOrEqual(Math.ceil((midnight.getTime() - before) / 1000));
    const refusedAnalysis = await request(b.app).post('/api/ai/analyze').set('Authorization', `Bearer ${spenderToken}`).send({}).set('X-Forwarded-For', '203.0.113.50');
    expect(refusedAnalysis.status).toBe(429);
    expect(refusedAnalysis.body.error.code).toBe('AI_BUDGET_EXCEEDED');

    h.fake.enqueue({ content: 'Answer for the other wallet.' });
    const answered = await request(b.app).post('/api/chat/message').set('Authorization', `Bearer ${otherToken}`).send({ message: 'hello' });
    expect(answered.status).toBe(200);
    expect(answered.body.data.response).toBe('Answer for the other wallet.');

    // The refused requests never reached the model; both that did were capped.
    expect(h.fake.requests().map((r) => [r.body.model, r.body.max_tokens])).toEqual([
      [TEST_MODEL, TEST_MAX_TOKENS],
      [TEST_MODEL, TEST_MAX_TOKENS],
    ]);
  });

  it('rate-limits AI calls per wallet across instances (AI_RATE_LIMIT_MAX), not per address of the client', async () => {
    const [busy, calm] = [await h.holder(), await h.holder()];
    const [busyToken, calmToken] = [await tokenFor(a, busy), await tokenFor(a, calm)];
    h.fake.setDefaultReply(() => ({ content: 'ok' }));
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      // A different client address each time: the limit follows the wallet, not the IP.
      const res = await request((i % 2 === 0 ? a : b).app)
        .post('/api/chat/message')
        .set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .set('Authorization', `Bearer ${busyToken}`)
        .send({ message: `question ${i}` });
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.error.code).toBe('AI_RATE_LIMITED');
        expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      }
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const calmRes = await request(b.app).post('/api/chat/message').set('X-Forwarded-For', '198.51.100.1').set('Authorization', `Bearer ${calmToken}`).send({ message: 'hi' });
    expect(calmRes.status).toBe(200);
  });

  it('refuses a chat message over 2000 characters with 400 before any model call', async () => {
    const wallet = await h.holder();
    const token = await tokenFor(a, wallet);
    const res = await request(a.app).post('/api/chat/message').set('Authorization', `Bearer ${token}`).send({ message: 'x'.repeat(2001) });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'The request is not valid',
      details: [{ path: 'body.message', expected: 'a non-blank string of at most 2000 characters' }],
    });
    const ok = await request(a.app).post('/api/chat/message').set('Authorization', `Bearer ${token}`).send({ message: 'y'.repeat(2000) });
    expect(ok.status).toBe(200);
    expect(h.fake.requests()).toHaveLength(1);
  });

  it('requires a token for every AI and chat route', async () => {
    const routes: Array<[string, string]> = [
      ['post', '/api/ai/analyze'],
      ['post', '/api/ai/suggest'],
      ['post', '/api/ai/explain'],
      ['post', '/api/ai/risk-assessment'],
      ['get', '/api/ai/market-insights'],
      ['post', '/api/chat/message'],
      ['get', '/api/chat/history'],
      ['delete', '/api/chat/history'],
      ['post', '/api/chat/analysis'],
    ];
    for (const [i, [method, path]] of routes.entries()) {
      // A fresh client address each time, past the per-address /api/ai limit of 3.
      const client = `192.0.2.${i + 1}`;
      const res =
        method === 'get'
          ? await request(a.app).get(path).set('X-Forwarded-For', client)
          : method === 'post'
            ? await request(a.app).post(path).set('X-Forwarded-For', client).send({})
            : await request(a.app).delete(path).set('X-Forwarded-For', client);
      expect([path, res.status, res.body.error?.code]).toEqual([path, 401, 'UNAUTHORIZED']);
    }
    expect(h.fake.requests()).toHaveLength(0);
  });
});
