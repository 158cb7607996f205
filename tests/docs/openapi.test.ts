import request from 'supertest';
import type { RunningServer } from '../../src/main';
import { startTestServer } from '../support/app/start-test-server';

describe('the OpenAPI document at /api/docs', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_MAX_REQUESTS: '100000' });
  });
  afterAll(() => server.shutdown('done'));

  it('serves OpenAPI 3.1 JSON and a browsable page', async () => {
    const json = await request(server.app).get('/api/docs/openapi.json');
    expect(json.status).toBe(200);
    expect(json.body.openapi).toBe('3.1.0');
    const page = await request(server.app).get('/api/docs').set('Accept', 'text/html');
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('/api/portfolio/{address}/performance');
  });

  it('documents only routes the server really has: none answers "no route"', async () => {
    const doc = (await request(server.app).get('/api/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const unknown: string[] = [];
    for (const [path, methods] of Object.entries(doc.paths)) {
      const concrete = path.replace('{address}', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed').replace('{token}', 'sei-network').replace('{id}', '1').replace('{hash}', `0x${'ab'.repeat(32)}`);
      for (const method of Object.keys(methods)) {
        const res = await request(server.app)[method as 'get' | 'post' | 'delete'](concrete).send({});
        if (res.body?.error?.message?.startsWith('No route for')) unknown.push(`${method.toUpperCase()} ${path}`);
      }
    }
    expect(unknown).toEqual([]);
  });
});
