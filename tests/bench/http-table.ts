import * as path from 'node:path';
import { startAppProcess } from './app-process';
import type { BenchWorld } from './bench-world';
import { generateLoad, type LoadResult, type LoadSettings } from './load-generator';
import type { NodeRuntime } from './node-runtimes';
import { expectNotModified, readFullPortfolio } from './portfolio-check';
import { startServerProcess, type ServerProcess } from './server-process';

export interface HttpRow extends LoadResult {
  readonly target: string;
  /** Size of one answer's body. */
  readonly bodyBytes: number;
  /**
   * req/s divided by the bare Express route's req/s measured right before this row (same run, same Node): on a
   * shared machine the load drifts within seconds, so each app row has its own adjacent baseline.
   */
  readonly ratioToExpress: number;
  /** That adjacent baseline's req/s. */
  readonly expressRequestsPerSecond: number;
}

export interface HttpTable {
  readonly node: string;
  readonly rows: ReadonlyArray<HttpRow>;
  /** Resident memory of the app process after its loads. */
  readonly appRssMB: number;
}

const baseline = (world: BenchWorld, runtime: NodeRuntime, file: string, readyPath: string): Promise<ServerProcess> =>
  startServerProcess({
    command: runtime.bin,
    args: [path.join(__dirname, 'processes', file)],
    env: { PATH: process.env['PATH'] ?? '', NODE_ENV: 'production' },
    cwd: path.resolve(__dirname, '..', '..'),
    logFile: path.join(world.logDir, `${file}-${runtime.version}.log`),
    readyPath,
  });

const bodySize = async (url: string): Promise<number> => (await (await fetch(url)).arrayBuffer()).byteLength;

/**
 * The baselines (raw node:http, bare Express 5) and the app, each its own process on `runtime`, measured one after the
 * other under the same load from another process: the baselines, `/health/live`, the cached portfolio, and its 304,
 * the bare Express route measured again right before each app row after the first (its ratio's baseline).
 */
export const benchHttpTable = async (world: BenchWorld, runtime: NodeRuntime, load: LoadSettings): Promise<HttpTable> => {
  const raw = await baseline(world, runtime, 'raw-http-server.js', '/');
  const bare = await baseline(world, runtime, 'bare-express-server.js', '/json');
  const app = await startAppProcess(world, runtime, `http-${runtime.version}`);
  try {
    const portfolioUrl = `${app.origin}/api/portfolio/${world.wallet}`;
    await readFullPortfolio(portfolioUrl);
    const cached = await readFullPortfolio(portfolioUrl);
    await expectNotModified(portfolioUrl, cached.etag);
    type Target = { readonly target: string; readonly url: string; readonly headers?: Record<string, string>; readonly bodyBytes: number };
    const bareTarget: Target = { target: 'bare Express 5 JSON route', url: `${bare.origin}/json`, bodyBytes: await bodySize(`${bare.origin}/json`) };
    const run = async (t: Target) => ({ target: t.target, bodyBytes: t.bodyBytes, ...(await generateLoad({ url: t.url, ...(t.headers === undefined ? {} : { headers: t.headers }) }, load)) });
    const rawRow = await run({ target: 'raw node:http JSON', url: `${raw.origin}/`, bodyBytes: await bodySize(`${raw.origin}/`) });
    const bareRow = await run(bareTarget);
    const appTargets: ReadonlyArray<Target> = [
      { target: 'GET /health/live', url: `${app.origin}/health/live`, bodyBytes: await bodySize(`${app.origin}/health/live`) },
      { target: 'cached GET /api/portfolio/:address', url: portfolioUrl, bodyBytes: cached.bytes },
      { target: 'same with If-None-Match (304)', url: portfolioUrl, headers: { 'If-None-Match': cached.etag }, bodyBytes: 0 },
    ];
    const rows: HttpRow[] = [
      { ...rawRow, ratioToExpress: rawRow.requestsPerSecond / bareRow.requestsPerSecond, expressRequestsPerSecond: bareRow.requestsPerSecond },
      { ...bareRow, ratioToExpress: 1, expressRequestsPerSecond: bareRow.requestsPerSecond },
    ];
    for (const t of appTargets) {
      const adjacent = rows.length === 2 ? bareRow : await run(bareTarget);
      const row = await run(t);
      rows.push({ ...row, ratioToExpress: row.requestsPerSecond / adjacent.requestsPerSecond, expressRequestsPerSecond: adjacent.requestsPerSecond });
    }
    return { node: runtime.version, rows, appRssMB: app.rssMB() };
  } finally {
    await Promise.all([raw.stop(), bare.stop(), app.stop()]);
  }
};
