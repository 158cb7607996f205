import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startAppProcess } from './app-process';
import type { BenchWorld } from './bench-world';
import { summariseCpuProfile, type CpuProfile, type CpuProfileSummary } from './cpu-profile-summary';
import { generateLoad, type LoadResult, type LoadSettings } from './load-generator';
import type { NodeRuntime } from './node-runtimes';
import { readFullPortfolio } from './portfolio-check';

export interface CpuProfileRun {
  readonly node: string;
  readonly profileFile: string;
  readonly load: LoadResult;
  /** Requests served in the measured window (req/s × seconds). */
  readonly requests: number;
  readonly summary: CpuProfileSummary;
}

const nowUs = (): number => Number(process.hrtime.bigint() / 1000n);

/**
 * The app under `node --cpu-prof`, loaded with cached portfolio reads (or GETs of `path`, e.g. /health/live); the
 * profile (written when the app exits) is summarised over the measured load only. The load's figures are lower than
 * the bench's: profiling costs CPU.
 */
export const runCpuProfile = async (world: BenchWorld, runtime: NodeRuntime, load: LoadSettings, outDir: string, path?: string): Promise<CpuProfileRun> => {
  mkdirSync(outDir, { recursive: true });
  const app = await startAppProcess(world, runtime, 'cpu-profile', { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${outDir}`] });
  let window: { from: number; to: number; result: LoadResult } | undefined;
  try {
    const portfolioUrl = `${app.origin}/api/portfolio/${world.wallet}`;
    await readFullPortfolio(portfolioUrl);
    const url = path === undefined ? portfolioUrl : `${app.origin}${path}`;
    await generateLoad({ url }, { ...load, durationSeconds: load.warmupSeconds, warmupSeconds: 0 });
    const from = nowUs();
    const result = await generateLoad({ url }, { ...load, warmupSeconds: 0 });
    window = { from, to: nowUs(), result };
  } finally {
    await app.stop();
  }
  const file = readdirSync(outDir).find((f) => f.endsWith('.cpuprofile'));
  if (file === undefined) throw new Error(`no .cpuprofile in ${outDir}`);
  const profile = JSON.parse(readFileSync(join(outDir, file), 'utf8')) as CpuProfile;
  return {
    node: runtime.version,
    profileFile: join(outDir, file),
    load: window.result,
    requests: Math.round(window.result.requestsPerSecond * load.durationSeconds),
    summary: summariseCpuProfile(profile, window.from, window.to),
  };
};
