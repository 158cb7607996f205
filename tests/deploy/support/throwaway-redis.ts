import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { waitUntil } from '../../support/wait-until';
import { requireBinary } from './find-binary';

export interface ThrowawayRedis {
  readonly port: number;
  /** redis-cli against this server; returns the trimmed reply. */
  readonly cli: (...args: string[]) => string;
  /** SHUTDOWN (saving as configured) and wait for the process to exit. */
  readonly stop: () => Promise<void>;
}

const redisInstallHint = 'apt-get install -y redis-server (provides redis-server and redis-cli)';

/**
 * Starts `redis-server <args> --port <port> --bind 127.0.0.1` in the foreground as a child process and
 * waits until it answers PING. `args` typically hold a config file path and --dir.
 */
export const startThrowawayRedis = async (port: number, args: ReadonlyArray<string>): Promise<ThrowawayRedis> => {
  const server = requireBinary('redis-server', redisInstallHint);
  const client = requireBinary('redis-cli', redisInstallHint);
  let output = '';
  const child: ChildProcess = spawn(server, [...args, '--port', String(port), '--bind', '127.0.0.1', '--daemonize', 'no'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cli = (...cliArgs: string[]): string =>
    execFileSync(client, ['-p', String(port), ...cliArgs], { encoding: 'utf8' }).trim();
  const answersPing = (): boolean => {
    if (child.exitCode !== null) throw new Error(`redis-server exited early:\n${output}`);
    try {
      return cli('PING') === 'PONG';
    } catch {
      return false; // not listening yet
    }
  };
  await waitUntil(() => (answersPing() ? true : undefined), 10_000, () => `redis-server to answer PING:\n${output}`);
  return {
    port,
    cli,
    stop: async () => {
      if (child.exitCode === null) {
        try {
          cli('SHUTDOWN');
        } catch {
          // SHUTDOWN closes the connection before answering
        }
        await exited;
      }
    },
  };
};
