import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { nginxArgs, productionNginxConfPath, writeNginxTestConfig } from '../deploy/nginx-test-config';
import { requireBinary } from '../deploy/support/find-binary';
import { findFreePort } from '../deploy/support/free-port';
import { sendRequest } from '../deploy/support/http-request';
import { makeSelfSignedCert } from '../deploy/support/self-signed-cert';
import { REPO_ROOT, type BenchWorld } from './bench-world';
import { generateLoad, type LoadResult, type LoadSettings } from './load-generator';
import { pathWith, type NodeRuntime } from './node-runtimes';

const run = promisify(execFile);
const PM2_BIN = path.join(REPO_ROOT, 'node_modules', 'pm2', 'bin', 'pm2');
const APP_NAME = 'sei-portfolio-backend';
/**
 * nginx.conf's per-IP request limit (20 r/s, bursts of 40) is for real clients: the bench's one load generator (one
 * address, 50 connections) would be held to it, so its rate and burst are raised here; everything else runs verbatim.
 */
const BENCH_LIMIT_CHANGES: ReadonlyArray<{ readonly find: string; readonly replace: string; readonly count: number }> = [
  { find: 'zone=api:10m rate=20r/s;', replace: 'zone=api:10m rate=1000000r/s;', count: 1 },
  { find: 'limit_req zone=api burst=40 nodelay;', replace: 'limit_req zone=api burst=100000 nodelay;', count: 3 },
];

/** nginx.conf with the bench's limits; throws when the production file no longer has the lines changed. */
const withBenchLimits = (source: string): string =>
  BENCH_LIMIT_CHANGES.reduce((text, change) => {
    const found = text.split(change.find).length - 1;
    if (found !== change.count) throw new Error(`nginx.conf has "${change.find}" ${found} times, expected ${change.count}: update tests/bench/cluster-bench.ts`);
    return text.split(change.find).join(change.replace);
  }, source);

export interface ClusterRow extends LoadResult {
  readonly workers: number;
}

export interface CacheHitRatio {
  readonly hits: number;
  readonly misses: number;
  readonly errors: number;
  readonly ratio: number;
  /** Workers whose /metrics were summed. */
  readonly workers: number;
}

export interface ClusterBench {
  readonly node: string;
  readonly rows: ReadonlyArray<ClusterRow>;
  readonly cacheHitRatio: CacheHitRatio;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `probe` until it returns true, at most `timeoutMs`. */
const waitUntil = async (what: string, timeoutMs: number, probe: () => Promise<boolean>): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`cluster bench: ${what} within ${timeoutMs} ms`);
    await sleep(100);
  }
};

/** When `pm2 kill` failed (e.g. timed out on a busy machine), the daemon named in PM2_HOME/pm2.pid is ended directly. */
const killLeftoverDaemon = (pm2Home: string): void => {
  try {
    const pid = Number(readFileSync(path.join(pm2Home, 'pm2.pid'), 'utf8').trim());
    if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
  } catch {
    // No pid file, or the daemon is already gone.
  }
};

const cacheCounts = (metrics: string): { hits: number; misses: number; errors: number } => {
  const sum = (outcome: string) =>
    [...metrics.matchAll(new RegExp(`^cache_requests_total\\{[^}]*outcome="${outcome}"[^}]*\\} (\\d+)$`, 'gm'))].reduce((total, m) => total + Number(m[1]), 0);
  return { hits: sum('hit'), misses: sum('miss'), errors: sum('error') };
};

/**
 * The production shape on loopback: ecosystem.config.js under the real PM2 behind the repo's nginx.conf (TLS; its
 * per-IP request limit raised so one load generator is not throttled). The cached portfolio read through nginx with 1 worker,
 * then `pm2 scale` to 2 workers and the same load; then the cache hit ratio summed over both workers' /metrics.
 */
export const benchCluster = async (world: BenchWorld, runtime: NodeRuntime, load: LoadSettings): Promise<ClusterBench> => {
  const nginxBin = requireBinary('nginx', 'apt-get install -y nginx');
  const workDir = mkdtempSync(path.join(tmpdir(), 'seipm-bench-cluster-'));
  const cert = makeSelfSignedCert(workDir);
  const ca = readFileSync(cert.certPath, 'utf8');
  const appPort = await findFreePort();
  const httpsPort = await findFreePort();
  const env = {
    ...world.appEnv('cluster'),
    PATH: pathWith(runtime),
    HOME: process.env['HOME'] ?? tmpdir(),
    PM2_HOME: path.join(workDir, 'pm2-home'),
    CLUSTER_WORKERS: '1',
    PORT: String(appPort),
    LOG_DIR: world.logDir,
  };
  const pm2 = async (...args: string[]): Promise<string> =>
    (await run(runtime.bin, [PM2_BIN, ...args], { cwd: REPO_ROOT, env, timeout: 90_000, maxBuffer: 16 * 1024 * 1024 })).stdout;
  const onlineWorkers = async (): Promise<number> =>
    (JSON.parse(await pm2('jlist')) as Array<{ pm2_env?: { status?: string } }>).filter((p) => p.pm2_env?.status === 'online').length;
  let nginx: ChildProcess | undefined;
  try {
    await pm2('start', 'ecosystem.config.js', '--env', 'production');
    await waitUntil('PM2 worker ready', 60_000, async () => (await fetch(`http://127.0.0.1:${appPort}/health/ready`)).status === 200);

    const benchSource = path.join(workDir, 'nginx.production.conf');
    writeFileSync(benchSource, withBenchLimits(readFileSync(productionNginxConfPath, 'utf8')));
    const prepared = writeNginxTestConfig(
      { upstreamPort: appPort, httpPort: await findFreePort(), httpsPort, certPath: cert.certPath, keyPath: cert.keyPath, prefixDir: path.join(world.logDir, 'nginx'), runsAsRoot: process.getuid?.() === 0 },
      benchSource,
    );
    nginx = spawn(nginxBin, nginxArgs(prepared, ['-g', 'daemon off;']), { stdio: 'ignore' });
    const portfolioPath = `/api/portfolio/${world.wallet}`;
    const throughNginx = () => sendRequest({ protocol: 'https', port: httpsPort, path: portfolioPath, ca, timeoutMs: 30_000 });
    await waitUntil('nginx answering the portfolio', 30_000, async () => (await throughNginx()).status === 200);

    const url = `https://127.0.0.1:${httpsPort}${portfolioPath}`;
    const rows: ClusterRow[] = [{ workers: 1, ...(await generateLoad({ url }, load)) }];
    await pm2('scale', APP_NAME, '2');
    await waitUntil('2 PM2 workers online', 60_000, async () => (await onlineWorkers()) === 2);
    rows.push({ workers: 2, ...(await generateLoad({ url }, load)) });

    const perWorker = new Map<string, { hits: number; misses: number; errors: number }>();
    await waitUntil('/metrics from both workers', 20_000, async () => {
      const res = await sendRequest({ protocol: 'http', port: appPort, path: '/metrics', timeoutMs: 5000 });
      const id = res.headers['x-worker-id'];
      if (typeof id === 'string' && res.status === 200) perWorker.set(id, cacheCounts(res.body.toString('utf8')));
      return perWorker.size === 2;
    });
    const total = [...perWorker.values()].reduce((a, b) => ({ hits: a.hits + b.hits, misses: a.misses + b.misses, errors: a.errors + b.errors }));
    return {
      node: runtime.version,
      rows,
      cacheHitRatio: { ...total, ratio: total.hits / (total.hits + total.misses + total.errors), workers: perWorker.size },
    };
  } finally {
    if (nginx !== undefined && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGTERM');
      await exited;
    }
    await pm2('delete', 'all').catch(() => undefined);
    await pm2('kill').catch(() => undefined);
    killLeftoverDaemon(env.PM2_HOME);
    rmSync(workDir, { recursive: true, force: true });
  }
};
