/**
 * The production shape: ecosystem.config.js under the real PM2 (2 cluster workers sharing Redis and Postgres) behind
 * the production nginx.conf run on loopback (TLS, the /socket.io/ location and its per-IP connection limit).
 * 200 WebSocket clients connect through nginx without a failure, land on both workers, and all receive one
 * broadcast (a price_update from the cluster's single ticker); a long-polling client is refused with a clear error.
 *
 * Needs the built app (`npm run build`, as CI does before the tests) and the nginx and openssl binaries (CI installs
 * them with apt). Clients spread over 5 loopback source addresses, as real clients come from many: nginx allows 50
 * concurrent /socket.io/ connections per address.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { nginxArgs, writeNginxTestConfig } from '../deploy/nginx-test-config';
import { requireBinary } from '../deploy/support/find-binary';
import { findFreePort } from '../deploy/support/free-port';
import { sendRequest } from '../deploy/support/http-request';
import { makeSelfSignedCert } from '../deploy/support/self-signed-cert';
import { DEAD_RPC_URL, REAL_REDIS_URL, uniquePrefix } from '../support/app/start-test-server';
import { writeRegistryFile } from '../support/app/chain-harness';
import { startFakeCoinGecko, type FakeCoinGecko } from '../support/fakes';
import { waitUntil } from '../support/wait-until';
import { connectClient, connectRefusal, emitWithAck, nextEvent, type ClientSocket } from './support/socket-client';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '..', '..');
const pm2Bin = join(repoRoot, 'node_modules', '.bin', 'pm2');
const distMain = join(repoRoot, 'dist', 'main.js');
const postgresAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const CLIENTS = 200;
const SOURCE_ADDRESSES = ['127.0.0.2', '127.0.0.3', '127.0.0.4', '127.0.0.5', '127.0.0.6'];

interface PriceUpdate {
  readonly prices: Readonly<Record<string, { usd: number }>>;
}

describe('Socket.IO through nginx to 2 PM2 workers', () => {
  const databaseName = `realtime_pm2_${process.pid}_${Date.now()}`;
  let workDir: string;
  let appPort: number;
  let httpsPort: number;
  let ca: string;
  let env: NodeJS.ProcessEnv;
  let gecko: FakeCoinGecko;
  let nginx: ChildProcess | undefined;
  let nginxOutput = '';
  let removeRegistry: (() => void) | undefined;
  let isPm2Started = false;
  let isDatabaseCreated = false;
  const clients: ClientSocket[] = [];

  const pm2 = async (...args: string[]): Promise<string> => (await run(pm2Bin, args, { cwd: repoRoot, env, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 })).stdout;
  const url = () => `https://localhost:${httpsPort}`;

  const waitForTls = async (port: number, timeoutMs: number): Promise<void> => {
    await waitUntil(
      async () => {
        if (nginx?.exitCode !== null) throw new Error(`nginx exited early:\n${nginxOutput}`);
        const isOpen = await new Promise<boolean>((done) => {
          const socket = tlsConnect({ host: '127.0.0.1', port, ca, servername: 'localhost' }, () => {
            socket.end();
            done(true);
          });
          socket.on('error', () => done(false));
        });
        return isOpen ? true : undefined;
      },
      timeoutMs,
      () => `nginx to accept TLS on ${port}:\n${nginxOutput}`,
    );
  };

  /** `socketio_connections` of each worker, scraped from /metrics on the PM2 port until both workers have answered. */
  const connectionsPerWorker = async (): Promise<Map<string, number>> => {
    const seen = new Map<string, number>();
    const deadline = Date.now() + 20_000;
    while (seen.size < 2 && Date.now() < deadline) {
      const res = await sendRequest({ protocol: 'http', port: appPort, path: '/metrics', timeoutMs: 5000 }).catch(() => undefined);
      const id = res?.headers['x-worker-id'];
      const value = /^socketio_connections (\d+)$/m.exec(res?.body.toString('utf8') ?? '')?.[1];
      if (typeof id === 'string' && value !== undefined) seen.set(id, Number(value));
    }
    return seen;
  };

  beforeAll(async () => {
    if (!existsSync(distMain)) throw new Error(`${distMain} does not exist: run \`npm run build\` before this test (CI does).`);
    const nginxPath = requireBinary('nginx', 'apt-get update && apt-get install -y nginx');
    workDir = mkdtempSync(join(tmpdir(), 'sei-realtime-pm2-'));
    const cert = makeSelfSignedCert(workDir);
    ca = readFileSync(cert.certPath, 'utf8');
    gecko = await startFakeCoinGecko();
    gecko.setPrice({ id: 'sei-network', usd: 0.25, change24h: 0 });
    const registry = writeRegistryFile({ tokens: [] });
    removeRegistry = registry.remove;

    const admin = new Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    isDatabaseCreated = true;
    await admin.end();

    appPort = await findFreePort();
    httpsPort = await findFreePort();
    env = {
      ...process.env,
      PM2_HOME: join(workDir, 'pm2-home'),
      CLUSTER_WORKERS: '2',
      PORT: String(appPort),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      DATA_DIR: join(workDir, 'data'),
      LOG_DIR: join(workDir, 'logs'),
      LOG_LEVEL: 'warn',
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${databaseName}`,
      REDIS_URL: REAL_REDIS_URL,
      REDIS_KEY_PREFIX: uniquePrefix(),
      SEI_RPC_URL: DEAD_RPC_URL,
      RPC_RETRY_COUNT: '0',
      CHAIN_CONFIG_FILE: registry.file,
      COINGECKO_BASE_URL: gecko.url,
      COINGECKO_API_KEY: 'demo-key',
      CACHE_TTL_PRICES: '1',
    };
    isPm2Started = true;
    await pm2('start', 'ecosystem.config.js');

    const prepared = writeNginxTestConfig({
      upstreamPort: appPort,
      httpPort: await findFreePort(),
      httpsPort,
      certPath: cert.certPath,
      keyPath: cert.keyPath,
      prefixDir: join(workDir, 'nginx'),
      runsAsRoot: process.getuid?.() === 0,
    });
    nginx = spawn(nginxPath, nginxArgs(prepared, ['-g', 'daemon off;']), { stdio: ['ignore', 'pipe', 'pipe'] });
    nginx.stdout?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    nginx.stderr?.on('data', (chunk: Buffer) => (nginxOutput += chunk.toString()));
    await waitForTls(httpsPort, 10_000);
  }, 120_000);

  afterAll(async () => {
    clients.splice(0).forEach((c) => c.close());
    if (nginx !== undefined && nginx.exitCode === null) {
      const exited = new Promise((done) => nginx?.once('exit', done));
      nginx.kill('SIGTERM');
      await exited;
    }
    if (isPm2Started) {
      await pm2('delete', 'all').catch(() => undefined);
      await pm2('kill').catch(() => undefined);
    }
    if (isDatabaseCreated) {
      const admin = new Client({ connectionString: postgresAdminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
      await admin.end();
    }
    await gecko?.stop();
    removeRegistry?.();
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  it(`${CLIENTS} WebSocket clients connect through nginx with zero failures, spread over both workers`, async () => {
    const failures: string[] = [];
    for (let batch = 0; batch < CLIENTS / 50; batch++) {
      const settled = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => connectClient(url(), { ca, localAddress: SOURCE_ADDRESSES[(batch * 50 + i) % SOURCE_ADDRESSES.length] ?? '127.0.0.1' })),
      );
      settled.forEach((s) => (s.status === 'fulfilled' ? clients.push(s.value) : failures.push(String(s.reason))));
    }
    expect(failures).toEqual([]);
    expect(clients.filter((c) => c.connected)).toHaveLength(CLIENTS);
    const perWorker = await connectionsPerWorker();
    expect(perWorker.size).toBe(2);
    expect([...perWorker.values()].reduce((a, b) => a + b, 0)).toBe(CLIENTS);
    expect(Math.min(...perWorker.values())).toBeGreaterThan(0);
  }, 60_000);

  it('every one of them receives the broadcast of a moved price, from the single ticker of the cluster', async () => {
    const acks = await Promise.all(clients.map((c) => emitWithAck(c, 'subscribe_prices', { tokens: ['native'] })));
    expect(acks.filter((a) => !a.ok)).toEqual([]);
    // Whether the ticker's next publish is all prices (first tick with listeners) or just the moved one, it carries $0.40.
    const received = Promise.allSettled(clients.map((c) => nextEvent<PriceUpdate>(c, 'price_update', 10_000, (u) => u.prices['native']?.usd === 0.4)));
    gecko.setPrice({ id: 'sei-network', usd: 0.4, change24h: 60 });
    const outcomes = await received;
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    expect(outcomes).toHaveLength(CLIENTS);
  }, 60_000);

  it("refuses a long-polling client through nginx with a connect_error saying to use transports: ['websocket']", async () => {
    expect(await connectRefusal(url(), { ca, transports: ['polling'] })).toEqual({
      message: "This server runs several workers and accepts WebSocket only: connect with io(url, { transports: ['websocket'] })",
      code: 'WEBSOCKET_REQUIRED',
    });
  });
});
