import * as path from 'node:path';
import type { BenchWorld } from './bench-world';
import { DIST_MAIN } from './bench-world';
import type { NodeRuntime } from './node-runtimes';
import { pathWith } from './node-runtimes';
import { startServerProcess, type ServerProcess } from './server-process';

/** `node dist/main.js` in production mode on the bench world, as its own process. */
export const startAppProcess = (
  world: BenchWorld,
  runtime: NodeRuntime,
  name: string,
  options: { readonly nodeArgs?: ReadonlyArray<string>; readonly env?: Readonly<Record<string, string>> } = {},
): Promise<ServerProcess> =>
  startServerProcess({
    command: runtime.bin,
    args: [...(options.nodeArgs ?? []), DIST_MAIN],
    env: { ...world.appEnv(name), PATH: pathWith(runtime), ...options.env },
    logFile: path.join(world.logDir, `${name}.log`),
    readyPath: '/health/ready',
  });
