import request from 'supertest';
import type { Response } from 'supertest';
import type { RunningServer } from '../../src/main';
import { startTestServer } from '../support/app/start-test-server';

const API_POLICY = "default-src 'none'; frame-ancestors 'none'";
const DOCS_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
const RPC_ORIGIN = 'http://127.0.0.1:9';

/** Every header value of a response, as one `name: value` list, to look for the RPC origin anywhere. */
const headerLines = (res: Response): string[] => Object.entries(res.headers).map(([name, value]) => `${name}: ${String(value)}`);

describe('Content-Security-Policy', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ SEI_RPC_URL: RPC_ORIGIN });
  });
  afterAll(() => server.shutdown('test done'));

  it('gives JSON answers (a 404, a 400, a 200) the API policy and names no upstream in any header', async () => {
    const answers = [
      await request(server.app).get('/api/nothing-here'),
      await request(server.app).post('/api/auth/verify').set('Content-Type', 'application/json').send('{"message":'),
      await request(server.app).get('/api/tokens'),
    ];
    expect(answers.map((res) => [res.status, res.headers['content-type'], res.headers['content-security-policy']])).toEqual([
      [404, 'application/json; charset=utf-8', API_POLICY],
      [400, 'application/json; charset=utf-8', API_POLICY],
      [200, 'application/json; charset=utf-8', API_POLICY],
    ]);
    for (const res of answers) expect(headerLines(res).filter((line) => line.includes('127.0.0.1:9'))).toEqual([]);
  });

  it('gives the browsable /api/docs page its own policy: inline styles only, no script, no framing', async () => {
    const page = await request(server.app).get('/api/docs').set('Accept', 'text/html');
    expect([page.status, page.headers['content-type'], page.headers['content-security-policy']]).toEqual([200, 'text/html; charset=utf-8', DOCS_POLICY]);
    expect(headerLines(page).filter((line) => line.includes('127.0.0.1:9'))).toEqual([]);
    const json = await request(server.app).get('/api/docs').set('Accept', 'application/json');
    expect(json.headers['content-security-policy']).toBe(API_POLICY);
  });
});
