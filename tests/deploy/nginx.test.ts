/**
 * The production nginx.conf, validated by the real nginx (`nginx -t`) and then run on loopback in front of
 * an echo upstream (see nginx-test-config.ts for the few lines that are substituted). Needs the nginx and
 * openssl binaries: CI installs them with apt; a missing binary fails every test here with an install hint.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { nginxArgs, productionNginxConfPath, writeNginxTestConfig, type PreparedNginxConfig } from './nginx-test-config';
import { directiveScopes } from './support/nginx-directive-scopes';
import { startEchoUpstream, type EchoUpstream } from './support/echo-upstream';
import { findFreePort } from './support/free-port';
import { makeSelfSignedCert } from './support/self-signed-cert';
import { requireBinary } from './support/find-binary';
import { sendRequest, type SimpleRequest, type SimpleResponse } from './support/http-request';
import { waitUntil } from '../support/wait-until';

const productionSource = readFileSync(productionNginxConfPath, 'utf8');

describe('nginx.conf structure', () => {
  const scopes = directiveScopes(productionSource);

  test('the scope parser ignores braces inside quotes and comments', () => {
    const parsed = directiveScopes('http { # a { comment\n map $a $b { "~x{1,2}" 1; } server { return 200 \'{"a":1}\'; } }');
    expect(parsed.map((d) => [d.name, d.blocks])).toEqual([
      ['"~x{1,2}"', ['http', 'map $a $b']],
      ['return', ['http', 'server']],
    ]);
  });

  test('every limit_req_zone sits directly in the http block, none inside a server block', () => {
    const zones = scopes.filter((d) => d.name === 'limit_req_zone');
    expect(zones.map((d) => d.statement)).toEqual([
      'limit_req_zone $binary_remote_addr zone=api:10m rate=20r/s',
      'limit_req_zone $binary_remote_addr zone=ai:10m rate=30r/m',
    ]);
    zones.forEach((zone) => expect(zone.blocks).toEqual(['http']));
  });

  test('the API and AI locations use the api and the stricter ai zone', () => {
    const limitIn = (location: string): string[] =>
      scopes
        .filter((d) => d.name === 'limit_req' && d.blocks[2] === location)
        .map((d) => d.statement);
    expect(limitIn('location /api/')).toEqual(['limit_req zone=api burst=40 nodelay']);
    expect(limitIn('location ~* ^/api/ai/')).toEqual(['limit_req zone=ai burst=10 nodelay']);
  });

  test('the Socket.IO location outlasts pingInterval + pingTimeout (45s) on reads and sends', () => {
    const seconds = (name: string): number[] =>
      scopes
        .filter((d) => d.name === name && d.blocks.join(' > ') === 'http > server > location /socket.io/')
        .map((d) => Number(/(\d+)s$/.exec(d.statement)?.[1]));
    expect(seconds('proxy_read_timeout')).toEqual([75]);
    expect(seconds('proxy_send_timeout')).toEqual([75]);
  });
});

describe('nginx.conf running on loopback', () => {
  let nginxPath: string;
  let workDir: string;
  let prepared: PreparedNginxConfig;
  let upstream: EchoUpstream;
  let nginx: ChildProcess | undefined;
  let nginxOutput = '';
  let ca: string;
  let httpPort: number;
  let httpsPort: number;

  const https = (r: Omit<SimpleRequest, 'protocol' | 'port' | 'ca'>): Promise<SimpleResponse> =>
    sendRequest({ ...r, protocol: 'https', port: httpsPort, ca });
  const json = (response: SimpleResponse): unknown => JSON.parse(response.body.toString('utf8'));
  const lastSeen = (): EchoUpstream['requests'][number] | undefined => upstream.requests[upstream.requests.length - 1];

  const waitForPort = async (port: number, timeoutMs: number): Promise<void> => {
    await waitUntil(
      async () => {
        if (nginx?.exitCode !== null) throw new Error(`nginx exited early:\n${nginxOutput}`);
        const isOpen = await new Promise<boolean>((resolve) => {
          const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
            socket.end();
            resolve(true);
          });
          socket.on('error', () => resolve(false));
        });
        return isOpen ? true : undefined;
      },
      timeoutMs,
      () => `nginx to accept TLS on ${port}:\n${nginxOutput}`,
    );
  };

  beforeAll(async () => {
    nginxPath = requireBinary('nginx', 'apt-get update && apt-get install -y nginx');
    workDir = mkdtempSync(join(tmpdir(), 'sei-nginx-test-'));
    const cert = makeSelfSignedCert(workDir);
    ca = readFileSync(cert.certPath, 'utf8');
    upstream = await startEchoUpstream();
    httpPort = await findFreePort();
    httpsPort = await findFreePort();
    prepared = writeNginxTestConfig({
      upstreamPort: upstream.port,
      httpPort,
      httpsPort,
      certPath: cert.certPath,
      keyPath: cert.keyPath,
      prefixDir: join(workDir, 'nginx'),
      runsAsRoot: process.getuid?.() === 0,
    });
  });

  afterAll(async () => {
    if (nginx !== undefined && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    await upstream?.close();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  });

  test('nginx -t accepts the configuration', () => {
    const result = spawnSync(nginxPath, nginxArgs(prepared, ['-t']), { encoding: 'utf8' });
    expect({ status: result.status, output: result.stderr }).toEqual({
      status: 0,
      output: expect.stringContaining('test is successful'),
    });
  });

  test('nginx starts and serves TLS on the test port', async () => {
    nginx = spawn(nginxPath, nginxArgs(prepared, ['-g', 'daemon off;']), { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stdout?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    nginx.stderr?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    await waitForPort(httpsPort, 10_000);
    expect(existsSync(join(prepared.prefixDir, 'nginx.pid'))).toBe(true);
  });

  test('plain HTTP redirects permanently to the same path on HTTPS', async () => {
    const response = await sendRequest({
      protocol: 'http',
      port: httpPort,
      path: '/api/portfolio/0xabc?range=7d',
      headers: { Host: 'portfolio.example.com' },
    });
    expect(response.status).toBe(301);
    expect(response.headers.location).toBe('https://portfolio.example.com/api/portfolio/0xabc?range=7d');
  });

  test('the HTTP health probe answers on loopback only', async () => {
    const local = await sendRequest({ protocol: 'http', port: httpPort, path: '/nginx-health' });
    const other = await sendRequest({ protocol: 'http', port: httpPort, path: '/nginx-health', localAddress: '127.0.0.2' });
    expect(local.status).toBe(200);
    expect(local.body.toString()).toMatch(/^Active connections: \d+/);
    expect(other.status).toBe(403);
  });

  test('negotiates TLS 1.3, TLS 1.2 and HTTP/2 by ALPN', async () => {
    const handshake = (options: { minVersion?: 'TLSv1.3'; maxVersion?: 'TLSv1.2' }) =>
      new Promise<{ protocol: string | null; alpn: string | false | null }>((resolve, reject) => {
        const socket = tlsConnect(
          { host: '127.0.0.1', port: httpsPort, ca, servername: 'localhost', ALPNProtocols: ['h2', 'http/1.1'], ...options },
          () => {
            resolve({ protocol: socket.getProtocol(), alpn: socket.alpnProtocol });
            socket.end();
          },
        );
        socket.on('error', reject);
      });
    expect(await handshake({ minVersion: 'TLSv1.3' })).toEqual({ protocol: 'TLSv1.3', alpn: 'h2' });
    expect(await handshake({ maxVersion: 'TLSv1.2' })).toEqual({ protocol: 'TLSv1.2', alpn: 'h2' });
  });

  test('proxies /api/ with the forwarding headers the backend trusts, over a keepalive upstream connection', async () => {
    const response = await https({
      path: '/api/portfolio/0xabc',
      headers: { Host: 'portfolio.example.com', 'X-Forwarded-For': '203.0.113.7', 'X-Request-Id': 'req-123.abc' },
    });
    expect(response.status).toBe(200);
    const seen = lastSeen();
    expect(seen?.url).toBe('/api/portfolio/0xabc');
    expect(seen?.headers).toMatchObject({
      host: 'portfolio.example.com',
      'x-real-ip': '127.0.0.1',
      'x-forwarded-for': '203.0.113.7, 127.0.0.1',
      'x-forwarded-proto': 'https',
      'x-forwarded-host': 'portfolio.example.com',
      'x-request-id': 'req-123.abc',
    });
    expect(seen?.headers.connection).toBeUndefined();
    expect(seen?.headers.upgrade).toBeUndefined();
  });

  test('replaces a missing or unsafe X-Request-Id with nginx’s own random id', async () => {
    await https({ path: '/api/tokens' });
    const generated = lastSeen()?.headers['x-request-id'];
    await https({ path: '/api/tokens', headers: { 'X-Request-Id': 'not safe; because of spaces' } });
    const replaced = lastSeen()?.headers['x-request-id'];
    expect(generated).toMatch(/^[0-9a-f]{32}$/);
    expect(replaced).toMatch(/^[0-9a-f]{32}$/);
    expect(replaced).not.toBe(generated);
  });

  test('adds the security headers once, replacing the backend’s copies', async () => {
    const response = await https({ path: '/api/tokens' });
    expect(response.headers).toMatchObject({
      'strict-transport-security': 'max-age=63072000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'no-referrer',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
    expect(response.headers.server).toBe('nginx');
  });

  test('gzips JSON responses for clients that accept it', async () => {
    const response = await https({ path: '/api/big', headers: { 'Accept-Encoding': 'gzip' } });
    expect(response.headers['content-encoding']).toBe('gzip');
    const body = JSON.parse(gunzipSync(response.body).toString('utf8')) as { data: { items: unknown[] } };
    expect(body.data.items).toHaveLength(200);
  });

  test('rejects a body over 1 MB with 413 and the API error envelope, without reaching the backend', async () => {
    const before = upstream.requests.length;
    const response = await https({
      path: '/api/portfolio/0xabc/refresh',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.alloc(1024 * 1024 + 1, 0x20),
    });
    expect(response.status).toBe(413);
    expect(json(response)).toEqual({
      success: false,
      error: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is larger than 1 MB.' },
    });
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(upstream.requests.length).toBe(before);
  });

  test('accepts a body just under 1 MB', async () => {
    const response = await https({
      path: '/api/portfolio/0xabc/refresh',
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: Buffer.alloc(1024 * 1024 - 1024, 0x20),
    });
    expect(response.status).toBe(200);
    expect(lastSeen()?.bodyBytes).toBe(1024 * 1024 - 1024);
  });

  test('upgrades /socket.io/ to a WebSocket tunnel that carries bytes both ways', async () => {
    const echoed = await new Promise<{ status: number; reply: string }>((resolve, reject) => {
      const req = httpsRequest({
        host: '127.0.0.1',
        port: httpsPort,
        servername: 'localhost',
        ca,
        path: '/socket.io/?EIO=4&transport=websocket',
        headers: {
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      req.on('upgrade', (res, socket) => {
        socket.once('data', (chunk: Buffer) => {
          resolve({ status: res.statusCode ?? 0, reply: chunk.toString() });
          socket.destroy();
        });
        socket.write('ping through nginx');
      });
      req.on('response', (res) => reject(new Error(`expected an upgrade, got HTTP ${res.statusCode}`)));
      req.on('error', reject);
      req.end();
    });
    expect(echoed).toEqual({ status: 101, reply: 'ping through nginx' });
    expect(upstream.upgrades[upstream.upgrades.length - 1]?.headers).toMatchObject({
      upgrade: 'websocket',
      connection: 'upgrade',
      'x-forwarded-proto': 'https',
    });
  });

  test('/metrics and /debug/ are proxied for internal addresses and denied to others, in any letter case', async () => {
    const internal = await https({ path: '/metrics' });
    expect(internal.status).toBe(200);
    expect(lastSeen()?.url).toBe('/metrics');
    const before = upstream.requests.length;
    const outside = await https({ path: '/metrics', localAddress: '127.0.0.2' });
    const outsideUpper = await https({ path: '/METRICS', localAddress: '127.0.0.2' });
    const outsideSlash = await https({ path: '/Metrics/', localAddress: '127.0.0.2' });
    const outsideDebug = await https({ path: '/DEBUG/heap', localAddress: '127.0.0.2' });
    const outsideApi = await https({ path: '/api/tokens', localAddress: '127.0.0.2' });
    expect([outside.status, outsideUpper.status, outsideSlash.status, outsideDebug.status, outsideApi.status]).toEqual([
      403, 403, 403, 403, 200,
    ]);
    expect(upstream.requests.slice(before).map((r) => r.url)).toEqual(['/api/tokens']);
  });

  test('/health and its sub-paths are proxied', async () => {
    const statuses = await Promise.all(['/health', '/health/live', '/health/ready'].map((path) => https({ path })));
    expect(statuses.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(upstream.requests.slice(-3).map((r) => r.url).sort()).toEqual(['/health', '/health/live', '/health/ready']);
  });

  test('the AI zone admits a burst of 11 then answers 429 with Retry-After, in any letter case', async () => {
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        https({ path: '/api/ai/analyze', method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' }),
      ),
    );
    const admitted = responses.filter((r) => r.status === 200).length;
    const limited = responses.filter((r) => r.status === 429);
    // burst=10 nodelay admits 1 + 10 at once; at 30r/m one more token only appears after 2 seconds.
    expect(admitted).toBeGreaterThanOrEqual(11);
    expect(admitted).toBeLessThanOrEqual(12);
    expect(limited.length).toBe(20 - admitted);
    expect(limited[0]?.headers['retry-after']).toBe('2');
    expect(limited[0]?.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
    expect(limited[0] === undefined ? undefined : json(limited[0])).toEqual({
      success: false,
      error: { code: 'RATE_LIMITED', message: 'Too many requests, slow down.' },
    });
    const upperCase = await https({ path: '/API/AI/analyze', method: 'POST', body: '{}' });
    const otherApi = await https({ path: '/api/tokens' });
    expect([upperCase.status, otherApi.status]).toEqual([429, 200]);
  });

  // Stops the upstream, so it must stay the last test of this block.
  test('when the backend is down, answers 503 with the API error envelope', async () => {
    await upstream.close();
    const response = await https({ path: '/api/tokens' });
    expect(response.status).toBe(503);
    expect(response.headers['retry-after']).toBe('5');
    expect(json(response)).toEqual({
      success: false,
      error: { code: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable.' },
    });
  });
});
