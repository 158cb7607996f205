import { gzipSync } from 'node:zlib';
import { Router } from 'express';
import request from 'supertest';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import { sendError } from '../../src/http/envelope';
import { makeApp } from '../../src/http/app';
import { makeMetrics } from '../../src/infra/metrics';
import { memoryRateLimit } from '../../src/http/middleware/rate-limit';
import type { RunningServer } from '../../src/main';
import { signIn } from '../auth/sign-in';
import { makeCaptureLogger } from '../support/app/capture-logger';
import { startTestServer, testConfig } from '../support/app/start-test-server';
import { waitUntil } from '../support/wait-until';

const REFUSED = 'request refused: it could not be read';
const BAD_ESCAPE = {
  success: false,
  error: { code: 'VALIDATION_ERROR', message: 'The request is not valid', details: [{ path: 'params', expected: 'valid percent-encoded UTF-8' }] },
};
const BAD_BODY_ENCODING = {
  success: false,
  error: { code: 'VALIDATION_ERROR', message: 'The request is not valid', details: [{ path: 'body', expected: 'a body encoded as its Content-Encoding says' }] },
};

describe('requests a client can get wrong', () => {
  const capture = makeCaptureLogger();
  let server: RunningServer;
  let token: string;
  beforeAll(async () => {
    server = await startTestServer({ LOG_LEVEL: 'warn' }, { logger: capture.logger });
    token = await signIn(server.app, privateKeyToAccount(generatePrivateKey()));
  });
  afterAll(() => server.shutdown('test done'));

  const errorLines = () => capture.lines.filter((line) => line['level'] === 'error');

  it.each(['/api/portfolio/%', '/api/prices/%zz/history', '/api/portfolio/%E0%A4%A', '/api/alerts/%'])(
    'answers GET %s (a malformed percent-escape) 400 in the envelope, logged at warn',
    async (path) => {
      const res = await request(server.app).get(path).set('Authorization', `Bearer ${token}`).set('X-Request-Id', `bad-escape-${path.length}`);
      expect([res.status, res.body]).toEqual([400, BAD_ESCAPE]);
      const logged = await waitUntil(
        () => capture.lines.find((line) => line['requestId'] === `bad-escape-${path.length}` && line['message'] === REFUSED),
        5_000,
        () => `no log line for ${path}`,
      );
      expect([logged['level'], logged['status'], logged['code']]).toEqual(['warn', 400, 'VALIDATION_ERROR']);
      expect(errorLines()).toEqual([]);
    },
  );

  it.each(['gzip', 'deflate', 'br'])('answers a JSON body labelled Content-Encoding: %s that is not, 400 in the envelope, logged at warn', async (encoding) => {
    const res = await request(server.app)
      .post('/api/auth/verify')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', encoding)
      .set('X-Request-Id', `bad-${encoding}`)
      .send('{"message":"hello","signature":"0x00"}');
    expect([res.status, res.body]).toEqual([400, BAD_BODY_ENCODING]);
    const logged = await waitUntil(() => capture.lines.find((line) => line['requestId'] === `bad-${encoding}` && line['message'] === REFUSED), 5_000, () => `no log line for ${encoding}`);
    expect(logged['level']).toBe('warn');
    expect(errorLines()).toEqual([]);
  });

  it('reads a body that really is gzip, and answers an encoding it does not know 415', async () => {
    // fetch, not supertest: supertest would serialise the Buffer as JSON.
    const gzipped = await fetch(`${server.url}/api/auth/verify`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' },
      body: gzipSync(JSON.stringify({ message: 'x' })),
    });
    const gzippedBody = (await gzipped.json()) as { error: { details: unknown } };
    expect([gzipped.status, gzippedBody.error.details]).toEqual([400, [{ path: 'body.signature', expected: '0x-prefixed hex signature of at most 8192 bytes' }]]);
    const unknown = await request(server.app).post('/api/auth/verify').set('Content-Type', 'application/json').set('Content-Encoding', 'x-rot13').send('{}');
    expect([unknown.status, unknown.body]).toEqual([
      415,
      { success: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content encoding: send identity, gzip, deflate or br' } },
    ]);
    expect(errorLines()).toEqual([]);
  });
});

describe('an answer or error that comes after the request timed out', () => {
  it('is dropped quietly when it is an answer, and logged by our logger (never Express’s default handler) when it is a thrown error', async () => {
    const { logger, lines } = makeCaptureLogger();
    let openGate: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      openGate = resolve;
    });
    const lateOutcomes: string[] = [];
    const slow = Router();
    slow.get('/late-answer', async (_req, res) => {
      await gate;
      try {
        sendError(res, { status: 502, code: 'UPSTREAM_BAD_RESPONSE', message: 'late' });
        lateOutcomes.push('answer dropped');
      } catch (cause) {
        lateOutcomes.push(`answer threw ${cause instanceof Error ? cause.message : String(cause)}`);
      }
    });
    slow.get('/late-bug', async () => {
      await gate;
      throw new Error('late bug');
    });
    const app = makeApp({
      config: testConfig({ REQUEST_TIMEOUT: '50', RPC_READ_DEADLINE_MS: '10' }),
      logger,
      metrics: makeMetrics(),
      limiters: { api: memoryRateLimit(100, 60_000), ai: memoryRateLimit(100, 60_000) },
      operatorRouters: [],
      apiRouters: [slow],
    });
    const server = app.listen(0, '127.0.0.1');
    try {
      const answer = await request(server).get('/api/late-answer').set('X-Request-Id', 'late-answer-1');
      const bug = await request(server).get('/api/late-bug').set('X-Request-Id', 'late-bug-1');
      expect([answer.status, answer.body.error.code, bug.status, bug.body.error.code]).toEqual([503, 'TIMEOUT', 503, 'TIMEOUT']);
      openGate();
      await waitUntil(() => (lateOutcomes.length > 0 ? lateOutcomes : undefined), 5_000, () => 'the late answer never ran');
      expect(lateOutcomes).toEqual(['answer dropped']);
      const logged = await waitUntil(() => lines.find((line) => line['requestId'] === 'late-bug-1' && line['level'] !== 'info'), 5_000, () => 'the late bug was not logged by our logger');
      expect([logged['level'], logged['message'], logged['afterAnswer']]).toEqual(['error', 'unhandled error in request', true]);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
