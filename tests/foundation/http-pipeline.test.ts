import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Router } from 'express';
import request from 'supertest';
import { makeApp } from '../../src/http/app';
import { makeMetrics } from '../../src/infra/metrics';
import { memoryRateLimit } from '../../src/http/middleware/rate-limit';
import type { RunningServer } from '../../src/main';
import { makeCaptureLogger } from '../support/app/capture-logger';
import { DEAD_RPC_URL, REAL_REDIS_URL, startTestServer, testConfig } from '../support/app/start-test-server';

const embeddedDir = mkdtempSync(path.join(tmpdir(), 'seipm-pipeline-'));
afterAll(() => rmSync(embeddedDir, { recursive: true, force: true }));

const modes: ReadonlyArray<[string, Record<string, string | undefined>]> = [
  ['embedded Postgres and in-process cache', { DATABASE_URL: undefined, DATA_DIR: embeddedDir }],
  ['Postgres and Redis on localhost', { REDIS_URL: REAL_REDIS_URL }],
];

describe.each(modes)('HTTP pipeline on %s', (_name, env) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ ...env, SEI_RPC_URL: DEAD_RPC_URL, ALLOWED_ORIGINS: 'https://app.example', MAX_REQUEST_SIZE: '1kb' });
  }, 60_000);
  afterAll(() => server.shutdown('test done'));

  it('reports every check by name, and degraded (200) when only the RPC is unreachable', async () => {
    const res = await request(server.app).get('/health');
    expect(res.status).toBe(200);
    expect(res.body.data.status).toBe('degraded');
    expect(res.body.data.checks).toEqual({ database: 'up', cache: 'up', rpc: 'down', openai: 'not_configured' });
    expect(res.headers['x-worker-id']).toBe(`0:${process.pid}`);
  });

  it('answers an unknown route with a JSON 404 envelope and a request id', async () => {
    const res = await request(server.app).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ success: false, error: { code: 'NOT_FOUND', message: 'No route for GET /api/nothing-here' } });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('echoes a well-formed client request id and replaces a malformed one', async () => {
    expect((await request(server.app).get('/health/live').set('X-Request-Id', 'abc-123')).headers['x-request-id']).toBe('abc-123');
    expect((await request(server.app).get('/health/live').set('X-Request-Id', 'x'.repeat(200))).headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an oversized body with 413 in the envelope', async () => {
    const res = await request(server.app).post('/api/anything').send({ blob: 'x'.repeat(4096) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ success: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'The body exceeds 1024 bytes' } });
  });

  it('answers malformed JSON with 400', async () => {
    const res = await request(server.app).post('/api/anything').set('Content-Type', 'application/json').send('{"a":');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('sends CORS headers to an allowed origin only', async () => {
    const allowed = await request(server.app).get('/health/live').set('Origin', 'https://app.example');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example');
    const other = await request(server.app).get('/health/live').set('Origin', 'https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sets helmet headers and hides X-Powered-By', async () => {
    const res = await request(server.app).get('/health/live');
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers['strict-transport-security']).toContain('max-age=');
  });

  it('serves Prometheus metrics to loopback callers, with the route template as label', async () => {
    await request(server.app).get('/health/live');
    const res = await request(server.app).get('/metrics');
    expect(res.status).toBe(200);
    expect(res.text).toContain('http_request_duration_seconds_bucket{le="0.005",method="GET",route="/health/live",status="200"}');
    expect(res.text).toContain('process_cpu_user_seconds_total');
  });

  it('refuses /metrics and /debug to a request relayed by a proxy', async () => {
    const res = await request(server.app).get('/debug/performance').set('X-Forwarded-For', '198.51.100.1');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('FORBIDDEN');
    const local = await request(server.app).get('/debug/performance');
    expect(local.status).toBe(200);
    expect(Object.keys(local.body.data).sort()).toEqual(['cache', 'connections', 'cpu', 'loadAverage', 'memory', 'pid', 'uptimeSeconds']);
  });
});

describe('a thrown bug', () => {
  it('is answered 500 without internals and logged with the request id', async () => {
    const { logger, lines } = makeCaptureLogger();
    const broken = Router();
    broken.get('/boom', () => {
      throw new Error('SELECT secret FROM users at https://rpc.example/?key=abc');
    });
    const app = makeApp({ config: testConfig(), logger, metrics: makeMetrics(), limiters: { api: memoryRateLimit(100, 60_000), ai: memoryRateLimit(100, 60_000) }, operatorRouters: [], apiRouters: [broken] });
    const res = await request(app).get('/api/boom').set('X-Request-Id', 'req-boom-1');
    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('INTERNAL_ERROR');
    expect(JSON.stringify(res.body)).not.toMatch(/SELECT|rpc\.example|stack/);
    const logged = lines.find((l) => l['message'] === 'unhandled error in request');
    expect(logged?.['requestId']).toBe('req-boom-1');
  });
});
