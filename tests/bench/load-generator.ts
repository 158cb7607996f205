import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { findBinary } from '../deploy/support/find-binary';

const run = promisify(execFile);

export interface LoadSettings {
  readonly connections: number;
  readonly durationSeconds: number;
  /** A run of the same load before the measured one, discarded (JIT, pools, caches). */
  readonly warmupSeconds: number;
}

export interface LoadRequest {
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface LoadResult {
  readonly tool: 'wrk' | 'autocannon';
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Answers outside 2xx/3xx, and socket errors and timeouts. */
  readonly failures: number;
  /** The failures by kind (wrk: connect, read, write, status, timeout; autocannon: non2xx, errors, timeouts). */
  readonly failureKinds: Readonly<Record<string, number>>;
}

/** wrk's summary as one JSON line, printed by its `done` hook (latencies in µs). */
const WRK_SCRIPT = `
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"kinds":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect, e.read, e.write, e.status, e.timeout))
end
`;

let wrkScript: string | undefined;
const wrkScriptFile = (): string => {
  if (wrkScript === undefined) {
    wrkScript = path.join(mkdtempSync(path.join(tmpdir(), 'seipm-wrk-')), 'summary.lua');
    writeFileSync(wrkScript, WRK_SCRIPT);
  }
  return wrkScript;
};

const headerArgs = (flag: string, headers: Readonly<Record<string, string>> = {}): string[] =>
  Object.entries(headers).flatMap(([name, value]) => [flag, `${name}: ${value}`]);

const runWrk = async (wrk: string, request: LoadRequest, connections: number, seconds: number): Promise<LoadResult> => {
  const args = ['-t1', `-c${connections}`, `-d${seconds}s`, '--timeout', '5s', '-s', wrkScriptFile(), ...headerArgs('-H', request.headers), request.url];
  const { stdout } = await run(wrk, args, { timeout: (seconds + 30) * 1000 });
  const line = stdout.split('\n').find((l) => l.startsWith('{"requests"'));
  if (line === undefined) throw new Error(`wrk printed no summary:\n${stdout}`);
  const s = JSON.parse(line) as { requests: number; durationUs: number; p50Us: number; p99Us: number; kinds: Record<string, number> };
  return {
    tool: 'wrk',
    requestsPerSecond: s.requests / (s.durationUs / 1e6),
    p50Ms: s.p50Us / 1000,
    p99Ms: s.p99Us / 1000,
    failures: Object.values(s.kinds).reduce((a, b) => a + b, 0),
    failureKinds: s.kinds,
  };
};

const runAutocannon = async (request: LoadRequest, connections: number, seconds: number): Promise<LoadResult> => {
  const cli = require.resolve('autocannon/autocannon.js');
  const args = [cli, '-c', String(connections), '-d', String(seconds), '-j', '-n', ...headerArgs('-H', request.headers), request.url];
  // The self-signed certificate of the loopback nginx is accepted for the measurement only.
  const { stdout } = await run(process.execPath, args, { timeout: (seconds + 30) * 1000, env: { ...process.env, NODE_TLS_REJECT_UNAUTHORIZED: '0' }, maxBuffer: 64 * 1024 * 1024 });
  const r = JSON.parse(stdout) as { requests: { total: number }; duration: number; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number; '3xx'?: number };
  const kinds = { non2xx: r.non2xx - (r['3xx'] ?? 0), errors: r.errors, timeouts: r.timeouts };
  return {
    tool: 'autocannon',
    requestsPerSecond: r.requests.total / r.duration,
    p50Ms: r.latency.p50,
    p99Ms: r.latency.p99,
    failures: kinds.non2xx + kinds.errors + kinds.timeouts,
    failureKinds: kinds,
  };
};

/** wrk when installed (C, one thread: the least CPU taken from the server), else autocannon in a child process. */
export const loadTool = (): 'wrk' | 'autocannon' => (findBinary('wrk') === undefined ? 'autocannon' : 'wrk');

/** Load from another process: a warm-up run, then the measured run. */
export const generateLoad = async (request: LoadRequest, settings: LoadSettings): Promise<LoadResult> => {
  const wrk = findBinary('wrk');
  const once = (seconds: number) => (wrk === undefined ? runAutocannon(request, settings.connections, seconds) : runWrk(wrk, request, settings.connections, seconds));
  if (settings.warmupSeconds > 0) await once(settings.warmupSeconds);
  return once(settings.durationSeconds);
};
