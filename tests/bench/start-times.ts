import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT, type BenchWorld } from './bench-world';
import { pathWith, type NodeRuntime } from './node-runtimes';
import { startServerProcess } from './server-process';

export interface StartTimes {
  readonly node: string;
  /** `npm start` on a built checkout whose DATA_DIR exists: spawn to the first 200 of /health/live. */
  readonly installedMs: number;
  /** The same on an empty DATA_DIR (embedded Postgres made from the build's template). */
  readonly freshDataDirMs: number;
  /** Whether either start ran the build (it must not on a built checkout). */
  readonly didBuild: boolean;
}

/**
 * The README's `npm start` as a user runs it (no .env variables, embedded PGlite, in-process cache), with the runtime
 * first in PATH: first on an empty DATA_DIR, then again on the same directory.
 */
export const benchStartTimes = async (world: BenchWorld, runtime: NodeRuntime): Promise<StartTimes> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'seipm-bench-start-'));
  const logFile = path.join(world.logDir, `start-${runtime.version}.log`);
  const start = async (): Promise<number> => {
    const npm = await startServerProcess({
      command: 'npm',
      args: ['start'],
      cwd: REPO_ROOT,
      env: { PATH: pathWith(runtime), HOME: process.env['HOME'] ?? tmpdir(), DATA_DIR: dataDir },
      logFile,
      readyPath: '/health/live',
    });
    await npm.stop();
    return npm.readyAfterMs;
  };
  try {
    const freshDataDirMs = await start();
    const installedMs = await start();
    return { node: runtime.version, installedMs, freshDataDirMs, didBuild: readFileSync(logFile, 'utf8').includes('building dist/') };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
};
