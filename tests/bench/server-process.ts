import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { findFreePort } from '../deploy/support/free-port';

export interface ServerProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** http://127.0.0.1:PORT */
  readonly origin: string;
  readonly port: number;
  /** Milliseconds from spawn to the first 200 of the ready path. */
  readonly readyAfterMs: number;
  /** Resident memory of the process now (from /proc), in MB. */
  readonly rssMB: () => number;
  /** SIGTERM, then the exit code (SIGKILL after `graceMs`). */
  readonly stop: (graceMs?: number) => Promise<number | null>;
}

export interface ServerProcessSpec {
  /** The executable (a node binary, or npm) and its arguments. */
  readonly command: string;
  readonly args: ReadonlyArray<string>;
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  /** stdout and stderr go to this file (not through a pipe this process would have to read). */
  readonly logFile: string;
  /** Polled with GET until it answers 200. */
  readonly readyPath: string;
  readonly timeoutMs?: number;
  /** The port to pass as PORT; a free one by default. */
  readonly port?: number;
}

const POLL_MS = 10;

const isUp = async (url: string): Promise<boolean> => {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
};

/** Resident set size of a process in MB, from /proc/<pid>/status (0 when it is gone). */
export const readRssMB = (pid: number): number => {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? 0 : Number(kb) / 1024;
  } catch {
    return 0;
  }
};

/** Starts a server as its own process group and waits until `readyPath` answers 200. */
export const startServerProcess = async (spec: ServerProcessSpec): Promise<ServerProcess> => {
  const port = spec.port ?? (await findFreePort());
  const log = openSync(spec.logFile, 'a');
  const started = performance.now();
  const child = spawn(spec.command, [...spec.args], {
    cwd: spec.cwd,
    env: { ...spec.env, PORT: String(port) },
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${spec.command}`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code, signal) => resolve(code ?? (signal === null ? null : -1))));
  const origin = `http://127.0.0.1:${port}`;
  const deadline = started + (spec.timeoutMs ?? 60_000);
  let isExited = false;
  void exited.then(() => (isExited = true));
  while (!(await isUp(`${origin}${spec.readyPath}`))) {
    if (isExited || performance.now() > deadline) {
      if (!isExited) process.kill(-pid, 'SIGKILL');
      throw new Error(`${spec.command} ${spec.args.join(' ')} did not answer ${spec.readyPath} (${isExited ? 'exited' : 'timed out'}); see ${spec.logFile}`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const readyAfterMs = performance.now() - started;
  const stop = async (graceMs = 10_000): Promise<number | null> => {
    if (isExited) return exited;
    // The whole group: `npm start` is npm, a shell and node.
    process.kill(-pid, 'SIGTERM');
    const timer = setTimeout(() => {
      if (!isExited) process.kill(-pid, 'SIGKILL');
    }, graceMs);
    const code = await exited;
    clearTimeout(timer);
    return code;
  };
  return { child, pid, origin, port, readyAfterMs, rssMB: () => readRssMB(pid), stop };
};
