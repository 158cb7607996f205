import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import * as path from 'node:path';
import { formatBenchReport, type BenchResults, type Outcome } from './bench-report';
import { REPO_ROOT, RESULTS_DIR, startBenchWorld } from './bench-world';
import { benchCluster, type ClusterBench } from './cluster-bench';
import { benchColdRead, type ColdReadBench } from './cold-read';
import { formatCpuProfileReport } from './cpu-profile-report';
import { runCpuProfile } from './cpu-profile-run';
import { benchHttpTable } from './http-table';
import { loadTool, type LoadSettings } from './load-generator';
import { findNodeRuntimes, productionRuntime } from './node-runtimes';
import { benchPriceFanout, type FanoutBench } from './price-fanout';
import { benchStartTimes } from './start-times';

/**
 * `npm run bench`: every figure of issue 12 in one run, each server its own process, load from another process.
 * `npm run bench -- --profile`: a CPU profile of the app under the cached-read load instead (BENCH_PROFILE_PATH=/health/live
 * profiles GETs of that path).
 * BENCH_DURATION_SECONDS (default 8), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (50) tune the HTTP load;
 * BENCH_ONLY=http,cold,start,fanout,cluster (comma-separated) runs only those sections.
 */
const numberFromEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  return raw === undefined || raw === '' ? fallback : Number(raw);
};

const LOAD: LoadSettings = {
  connections: numberFromEnv('BENCH_CONNECTIONS', 50),
  durationSeconds: numberFromEnv('BENCH_DURATION_SECONDS', 8),
  warmupSeconds: numberFromEnv('BENCH_WARMUP_SECONDS', 2),
};
const COLD_PROCESSES = 5;
const REFRESH_READS = 20;
const FANOUT_SOCKETS = [2_000, 10_000];

type Section = 'http' | 'cold' | 'start' | 'fanout' | 'cluster';
const only = (process.env['BENCH_ONLY'] ?? '').split(',').map((x) => x.trim()).filter((x) => x !== '');
const isWanted = (section: Section): boolean => only.length === 0 || only.includes(section);
const skipped = <T>(): Outcome<T> => ({ ok: false, error: 'skipped (BENCH_ONLY)' });

const say = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);

const attempt = async <T>(name: string, work: () => Promise<T>): Promise<Outcome<T>> => {
  say(`${name}…`);
  try {
    return { ok: true, value: await work() };
  } catch (cause) {
    const error = cause instanceof Error ? cause.message : String(cause);
    say(`${name} failed: ${error}`);
    return { ok: false, error };
  }
};

/** dist/ must be the current source: build it when stale (the same check `npm start` makes). */
const ensureBuilt = () => {
  const built = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts', 'build.js'), '--if-stale'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('build failed');
};

/** The CPU, and the 1-minute load average at the start and the end: other work on the machine skews every figure. */
const machine = (loadAtStart: number): string => {
  const cores = cpus();
  return `${cores[0]?.model.trim() ?? 'unknown CPU'}, ${cores.length} cores, ${process.platform}; load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] ?? 0).toFixed(1)} at the end`;
};

const writeResults = (runId: string, name: string, text: string, json: unknown): void => {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const base = path.join(RESULTS_DIR, `${name}-${runId}`);
  writeFileSync(`${base}.md`, `${text}\n`);
  writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  say(`wrote ${base}.md and ${base}.json`);
};

const benchAll = async (runId: string): Promise<void> => {
  const started = Date.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const runtimes = findNodeRuntimes();
  const production = productionRuntime(runtimes);
  say(`Node runtimes: ${runtimes.map((r) => `${r.version} (${r.source})`).join(', ')}; load tool ${loadTool()}`);
  const world = await startBenchWorld(runId);
  try {
    const http = [];
    for (const runtime of isWanted('http') ? runtimes : []) http.push(await attempt(`HTTP table on ${runtime.version}`, () => benchHttpTable(world, runtime, LOAD)));
    const coldRead = isWanted('cold') ? await attempt('cold DeFi reads', () => benchColdRead(world, production, COLD_PROCESSES, REFRESH_READS)) : skipped<ColdReadBench>();
    const startTimes = [];
    for (const runtime of isWanted('start') ? runtimes : []) startTimes.push(await attempt(`start times on ${runtime.version}`, () => benchStartTimes(world, runtime)));
    const fanout = isWanted('fanout') ? await attempt('fan-out', () => benchPriceFanout(world, production, FANOUT_SOCKETS)) : skipped<FanoutBench>();
    const cluster = isWanted('cluster') ? await attempt('cluster', () => benchCluster(world, production, LOAD)) : skipped<ClusterBench>();
    const results: BenchResults = {
      at: new Date().toISOString(),
      machine: machine(loadAtStart),
      loadTool: loadTool(),
      load: LOAD,
      http,
      coldRead,
      startTimes,
      fanout,
      cluster,
      totalSeconds: (Date.now() - started) / 1000,
    };
    const report = formatBenchReport(results);
    process.stdout.write(`${report}\n`);
    writeResults(runId, 'bench', report, results);
  } finally {
    await world.stop();
  }
};

const profileOnly = async (runId: string): Promise<void> => {
  const runtime = productionRuntime(findNodeRuntimes());
  const world = await startBenchWorld(runId);
  try {
    const run = await runCpuProfile(world, runtime, LOAD, path.join(RESULTS_DIR, `profile-${runId}`), process.env['BENCH_PROFILE_PATH'] || undefined);
    const report = formatCpuProfileReport(run, LOAD);
    process.stdout.write(`${report}\n`);
    writeResults(runId, 'profile', report, run);
  } finally {
    await world.stop();
  }
};

const main = async () => {
  ensureBuilt();
  const runId = new Date().toISOString().replace(/[:.]/g, '-');
  await (process.argv.includes('--profile') ? profileOnly(runId) : benchAll(runId));
};

main().then(
  () => process.exit(0),
  (cause: unknown) => {
    process.stderr.write(`bench failed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`);
    process.exit(1);
  },
);
