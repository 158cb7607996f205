import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from './bench-world';

export interface NodeRuntime {
  /** e.g. "v24.22.3" */
  readonly version: string;
  /** The node binary. */
  readonly bin: string;
  /** Where it comes from: the machine's PATH or tools/node24. */
  readonly source: string;
}

/** tools/node24 (`npm ci --prefix tools/node24`): Node 24 LTS from the npm registry. */
export const NODE24_BIN = path.join(REPO_ROOT, 'tools', 'node24', 'node_modules', '.bin', 'node');

const versionOf = (bin: string): string => execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim();

/** The Node running the bench and, when installed and different, the cached Node 24. */
export const findNodeRuntimes = (): ReadonlyArray<NodeRuntime> => {
  const system: NodeRuntime = { version: process.version, bin: process.execPath, source: 'system' };
  if (!existsSync(NODE24_BIN)) return [system];
  const node24: NodeRuntime = { version: versionOf(NODE24_BIN), bin: NODE24_BIN, source: 'tools/node24' };
  return node24.version === system.version ? [system] : [system, node24];
};

/** The production runtime: Node 24 when found, else the system Node. */
export const productionRuntime = (runtimes: ReadonlyArray<NodeRuntime>): NodeRuntime => {
  const runtime = runtimes.find((r) => r.version.startsWith('v24.')) ?? runtimes[0];
  if (runtime === undefined) throw new Error('no Node runtime');
  return runtime;
};

/** PATH with the runtime's directory first, so `node` and `npm`'s scripts run on it. */
export const pathWith = (runtime: NodeRuntime): string => `${path.dirname(runtime.bin)}${path.delimiter}${process.env['PATH'] ?? ''}`;
