/**
 * ecosystem.config.js under the real PM2, in a private PM2_HOME: two cluster workers behind one port,
 * both serving, and a reload that replaces both without a failed request.
 *
 * Needs the built app: CI runs `npm run build` before the tests; this file does not build (too slow).
 * Two workers cannot share embedded PGlite, so it uses the real Postgres (a throwaway database created
 * and dropped here) and the real Redis.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { findFreePort } from './support/free-port';
import { sendRequest, type SimpleResponse } from './support/http-request';
import { waitFor } from '../support/wait-until';

const run = promisify(execFile);
const repoRoot = resolve(__dirname, '..', '..');
const pm2Bin = join(repoRoot, 'node_modules', '.bin', 'pm2');
const distMain = join(repoRoot, 'dist', 'main.js');
const appName = 'sei-portfolio-backend';
const postgresAdminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
const redisUrl = 'redis://127.0.0.1:6379';

interface Pm2Process {
  readonly name: string;
  readonly pid: number;
  readonly pm2_env: { readonly status: string; readonly exec_mode: string; readonly NODE_APP_INSTANCE?: number | string };
}

const workerIdPattern = /^(\d+):(\d+)$/;

describe('PM2 cluster mode (ecosystem.config.js)', () => {
  const databaseName = `deploy_pm2_${process.pid}_${Date.now()}`;
  let workDir: string;
  let port: number;
  let env: NodeJS.ProcessEnv;
  let isPm2Started = false;
  let isDatabaseCreated = false;

  const pm2 = async (...args: string[]): Promise<string> =>
    (await run(pm2Bin, args, { cwd: repoRoot, env, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 })).stdout;

  const listWorkers = async (): Promise<Pm2Process[]> => {
    const output = await pm2('jlist');
    const parsed = JSON.parse(output.slice(output.indexOf('['))) as Pm2Process[];
    return parsed.filter((p) => p.name === appName);
  };

  const get = (path: string): Promise<SimpleResponse> => sendRequest({ protocol: 'http', port, path, timeoutMs: 5_000 });

  /** GET on `agent`'s keep-alive connection; resolves with the status and the Connection header. */
  const getKeptAlive = (agent: Agent, path: string): Promise<{ status: number; connection: string | undefined }> =>
    new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, agent }, (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, connection: res.headers.connection }));
      });
      req.setTimeout(5_000, () => req.destroy(new Error('timed out after 5000 ms')));
      req.on('error', reject);
      req.end();
    });

  /** PM2's own account of how each stopped worker ended ("exited with code [0] via signal [SIGINT]", or a SIGKILL). */
  const pm2StopRecords = (): string[] =>
    readFileSync(join(workDir, 'pm2-home', 'pm2.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes(appName) && /exited with code|SIGKILL/.test(line))
      .map((line) => line.replace(/^.*?(App \[|process with pid)/, '$1'));

  const expectedWorkerIds = (workers: ReadonlyArray<Pm2Process>): string[] =>
    workers.map((w) => `${String(w.pm2_env.NODE_APP_INSTANCE)}:${w.pid}`).sort();

  /** Polls /health/live on fresh connections until every id in `wanted` has answered (or the deadline). */
  const collectWorkerIds = async (wanted: ReadonlyArray<string>, timeoutMs: number): Promise<Set<string>> => {
    const seen = new Set<string>();
    const hasSeenAll = async (): Promise<boolean> => {
      const response = await get('/health/live').catch(() => undefined);
      const id = response?.headers['x-worker-id'];
      if (typeof id === 'string') seen.add(id);
      return wanted.every((wantedId) => seen.has(wantedId));
    };
    // The caller compares what was seen with what was wanted, so a timeout here is not an error of its own.
    await waitFor('every worker to answer', hasSeenAll, timeoutMs).catch(() => undefined);
    return seen;
  };

  beforeAll(async () => {
    if (!existsSync(distMain)) {
      throw new Error(`${distMain} does not exist: run \`npm run build\` before this test (CI does).`);
    }
    workDir = mkdtempSync(join(tmpdir(), 'sei-pm2-test-'));
    port = await findFreePort();
    const admin = new Client({ connectionString: postgresAdminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${databaseName}"`);
    isDatabaseCreated = true;
    await admin.end();
    env = {
      ...process.env,
      PM2_HOME: join(workDir, 'pm2-home'),
      CLUSTER_WORKERS: '2',
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'development',
      DATA_DIR: join(workDir, 'data'),
      LOG_DIR: join(workDir, 'logs'),
      LOG_LEVEL: 'warn',
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${databaseName}`,
      REDIS_URL: redisUrl,
    };
    isPm2Started = true;
    await pm2('start', 'ecosystem.config.js');
  }, 120_000);

  afterAll(async () => {
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
    if (workDir !== undefined) rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  test('starts two online workers in cluster mode, instances 0 and 1', async () => {
    const workers = await listWorkers();
    expect(
      workers.map((w) => ({ status: w.pm2_env.status, mode: w.pm2_env.exec_mode, instance: Number(w.pm2_env.NODE_APP_INSTANCE) }))
        .sort((a, b) => a.instance - b.instance),
    ).toEqual([
      { status: 'online', mode: 'cluster_mode', instance: 0 },
      { status: 'online', mode: 'cluster_mode', instance: 1 },
    ]);
  });

  test('connections to the one port are served by both workers, each naming itself in X-Worker-Id', async () => {
    const expected = expectedWorkerIds(await listWorkers());
    const seen = await collectWorkerIds(expected, 30_000);
    expect([...seen].sort()).toEqual(expected);
    [...seen].forEach((id) => expect(id).toMatch(workerIdPattern));
  }, 60_000);

  test('/health reports the answering worker in its body, as in the header', async () => {
    const response = await get('/health');
    const body = JSON.parse(response.body.toString('utf8')) as {
      success: boolean;
      data: { status: string; worker: { pid: number; instance: number | string } };
    };
    expect(response.status).toBe(200);
    expect(body.success).toBe(true);
    expect(['healthy', 'degraded']).toContain(body.data.status);
    expect(`${String(body.data.worker.instance)}:${body.data.worker.pid}`).toBe(response.headers['x-worker-id']);
  });

  // A worker that calls process.exit() at the very moment its server closes can strand a connection the
  // cluster master was just handing to it (the master waits forever for an answer): the request hangs.
  // The 5s timeout turns such a hang into a failure listed here instead of a stuck test.
  test('pm2 reload replaces both workers without a single failed request', async () => {
    const before = await listWorkers();
    const failures: string[] = [];
    let answered = 0;
    let isReloading = true;
    const hammer = async (): Promise<void> => {
      while (isReloading) {
        try {
          const response = await get('/health/live');
          if (response.status === 200) answered += 1;
          else failures.push(`HTTP ${response.status}`);
        } catch (error) {
          failures.push(error instanceof Error ? error.message : String(error));
        }
      }
    };
    const clients = Array.from({ length: 4 }, hammer);
    await pm2('reload', appName);
    isReloading = false;
    await Promise.all(clients);

    const after = await listWorkers();
    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(0);
    expect(after.map((w) => w.pm2_env.status)).toEqual(['online', 'online']);
    expect(after.map((w) => w.pid).filter((pid) => before.some((b) => b.pid === pid))).toEqual([]);
    const expected = expectedWorkerIds(after);
    expect([...(await collectWorkerIds(expected, 30_000))].sort()).toEqual(expected);
  }, 120_000);

  // Keep-alive clients stay on one worker's connection: a worker that resets idle keep-alive sockets when it
  // stops, or cuts the busy ones at its deadline, fails requests here. Bounded: until the reload ends, at most
  // 20,000 requests per client.
  test('pm2 reload under keep-alive load answers every request, resets no connection, and each worker exits 0 by itself', async () => {
    const clients = 6;
    const failures: string[] = [];
    let answered = 0;
    let toldToClose = 0;
    let isReloading = true;
    const hammer = async (): Promise<void> => {
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        for (let i = 0; isReloading && i < 20_000; i++) {
          try {
            const response = await getKeptAlive(agent, '/health/live');
            if (response.status === 200) answered += 1;
            else failures.push(`HTTP ${response.status}`);
            if (response.connection === 'close') toldToClose += 1;
          } catch (error) {
            failures.push(error instanceof Error ? error.message : String(error));
          }
        }
      } finally {
        agent.destroy();
      }
    };
    const stopsBefore = pm2StopRecords().length;
    const running = Array.from({ length: clients }, hammer);
    await pm2('reload', appName);
    isReloading = false;
    await Promise.all(running);

    expect(failures).toEqual([]);
    expect(answered).toBeGreaterThan(0);
    // Each client was on an old worker's connection at least once, and was told to move rather than cut off.
    expect(toldToClose).toBeGreaterThanOrEqual(clients);
    expect(pm2StopRecords().slice(stopsBefore).map((line) => line.replace(/^App \[[^\]]*\]/, 'App'))).toEqual([
      'App exited with code [0] via signal [SIGINT]',
      'App exited with code [0] via signal [SIGINT]',
    ]);
  }, 120_000);
});
