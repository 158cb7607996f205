import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { Parser } from '@asyncapi/parser';
import request from 'supertest';
import { API_CONTRACT } from '../../src/http/contract/api-contract';
import type { RunningServer } from '../../src/main';
import { startTestServer } from '../support/app/start-test-server';
import { makeOpenApiValidator } from '../support/contract/openapi-validator';

jest.setTimeout(120_000);

const ROUTES_DIR = path.resolve(__dirname, '../../src/http/routes');
const DOCS_ROUTES = path.resolve(__dirname, '../../src/http/openapi/docs-routes.ts');
/** Routers mounted at the root (src/composition/http.ts `operatorRouters`); every other router is mounted under /api. */
const ROOT_ROUTERS = new Set(['health-routes.ts', 'operator-routes.ts']);

/** `METHOD /path` of every `router.get|post|delete|put|patch('…')` in the route files, with `:param` as `{param}`. */
const servedRoutes = (): ReadonlyArray<string> =>
  [...readdirSync(ROUTES_DIR).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).map((f) => path.join(ROUTES_DIR, f)), DOCS_ROUTES].flatMap((file) => {
    const prefix = ROOT_ROUTERS.has(path.basename(file)) ? '' : '/api';
    return [...readFileSync(file, 'utf8').matchAll(/router\.(get|post|delete|put|patch)\(\s*'([^']+)'/g)].map(
      ([, method, route]) => `${(method ?? '').toUpperCase()} ${prefix}${(route ?? '').replace(/:(\w+)/g, '{$1}')}`,
    );
  });

describe('the OpenAPI and AsyncAPI documents, generated from the codecs', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_MAX_REQUESTS: '100000' });
  });
  afterAll(() => server.shutdown('done'));

  // The reverse (every documented route is served) is tests/docs/openapi.test.ts: none answers "no route".
  it('documents every route the route files serve', () => {
    const documented = new Set(API_CONTRACT.map((r) => `${r.method.toUpperCase()} ${r.path}`));
    expect(servedRoutes().filter((route) => !documented.has(route))).toEqual([]);
  });

  it('has no placeholder answers: every JSON answer names its properties', () => {
    const placeholders = API_CONTRACT.flatMap((r) =>
      Object.entries(r.answers).flatMap(([status, answer]) => ('data' in answer && ['UnknownRecord', 'unknown'].includes(answer.data.name) ? [`${r.method} ${r.path} ${status}`] : [])),
    );
    expect(placeholders).toEqual([]);
  });

  it('compiles every response schema, and the validator the suite uses flags a body that drifts', () => {
    const validator = makeOpenApiValidator();
    const probe = (r: (typeof API_CONTRACT)[number], status: string, body: unknown) =>
      validator.problemWith({ method: r.method, url: r.path.replace(/\{\w+\}/g, 'x'), status: Number(status), contentType: 'application/json', body });
    expect(() => API_CONTRACT.forEach((r) => Object.keys(r.answers).forEach((status) => probe(r, status, {})))).not.toThrow();
    const tokens = API_CONTRACT.find((r) => r.path === '/api/tokens');
    if (tokens === undefined) throw new Error('GET /api/tokens is not documented');
    expect(probe(tokens, '200', { success: true, data: { chainId: 1329, tokens: [] } })).toBeUndefined();
    expect(probe(tokens, '200', { success: true, data: { chainId: '1329', tokens: [] } })).toContain('chainId must be number');
  });

  it('serves an AsyncAPI 3 document that @asyncapi/parser reads without errors or warnings, linked from the docs page', async () => {
    const res = await request(server.app).get('/api/docs/asyncapi.json');
    expect(res.status).toBe(200);
    expect(res.body.asyncapi).toBe('3.0.0');
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(res.body));
    expect(diagnostics.filter((d) => Number(d.severity) <= 1).map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`)).toEqual([]);
    expect(document?.operations().all().map((op) => op.id()).sort()).toEqual(
      expect.arrayContaining(['send_portfolio_update', 'send_price_update', 'send_transaction_update', 'send_risk_alert', 'send_chat_chunk', 'send_chat_response', 'send_system_message', 'receive_subscribe', 'receive_chat_message']),
    );
    const page = await request(server.app).get('/api/docs').set('Accept', 'text/html');
    expect(page.text).toContain('/api/docs/asyncapi.json');
  });

  it('keeps the checked-in typed client (clients/typescript/api.d.ts) in step with the document: run `npm run client:types`', async () => {
    const root = path.resolve(__dirname, '../..');
    const outcome = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(process.execPath, ['-r', './tests/bench/swc-register.js', 'tests/support/contract/client-types.ts', '--check'], { cwd: root }, (error, _stdout, stderr) =>
        resolve({ code: error === null ? 0 : (typeof error.code === 'number' ? error.code : 1), stderr }),
      );
    });
    expect(outcome).toEqual({ code: 0, stderr: '' });
  });
});
