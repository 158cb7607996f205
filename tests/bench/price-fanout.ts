import { fork, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import * as path from 'node:path';
import { startAppProcess } from './app-process';
import type { BenchWorld } from './bench-world';
import type { NodeRuntime } from './node-runtimes';
import { percentile } from './percentile';

export interface FanoutRow {
  /** Sockets subscribed to prices that received the update. */
  readonly sockets: number;
  /** From the ticker's CoinGecko request that carried the new price to each client's `price_update` handler. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Resident memory of the worker (the app process alone: the clients run in another process). */
  readonly workerRssMB: number;
}

export interface FanoutBench {
  readonly node: string;
  readonly rows: ReadonlyArray<FanoutRow>;
}

type FromClients =
  | { readonly type: 'connected'; readonly count: number }
  | { readonly type: 'armed' }
  | { readonly type: 'received'; readonly times: ReadonlyArray<number> }
  | { readonly type: 'error'; readonly message: string };

const next = <T extends FromClients['type']>(clients: ChildProcess, type: T, timeoutMs: number): Promise<Extract<FromClients, { type: T }>> =>
  new Promise((resolve, reject) => {
    const onMessage = (message: FromClients) => {
      if (message.type !== type && message.type !== 'error') return;
      clearTimeout(timer);
      clients.off('message', onMessage);
      if (message.type === 'error') reject(new Error(`fan-out clients: ${message.message}`));
      else resolve(message as Extract<FromClients, { type: T }>);
    };
    const timer = setTimeout(() => {
      clients.off('message', onMessage);
      reject(new Error(`fan-out clients: no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    clients.on('message', onMessage);
  });

/**
 * Socket.IO fan-out on one worker (production mode, the Redis adapter): `counts` sockets in turn (a client process
 * that grows its set), each subscribed to prices; the native price moves on the fake CoinGecko and the worker's price
 * ticker (CACHE_TTL_PRICES=1) pushes one `price_update` to all. A first move warms the path; the second is measured.
 */
export const benchPriceFanout = async (world: BenchWorld, runtime: NodeRuntime, counts: ReadonlyArray<number>): Promise<FanoutBench> => {
  const gecko = world.harness.gecko;
  // BENCH_FANOUT_CPU_PROF_DIR=dir: the worker runs under `node --cpu-prof` (a .cpuprofile per run, for a flame graph).
  const profileDir = process.env['BENCH_FANOUT_CPU_PROF_DIR'];
  const nodeArgs = profileDir === undefined || profileDir === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profileDir}`];
  const app = await startAppProcess(world, runtime, 'fanout', { env: { CACHE_TTL_PRICES: '1' }, nodeArgs });
  const log = openSync(path.join(world.logDir, 'fanout-clients.log'), 'a');
  const clients = fork(path.join(__dirname, 'processes', 'fanout-clients.js'), [], {
    env: { ...process.env, FANOUT_URL: app.origin },
    stdio: ['ignore', log, log, 'ipc'],
  });
  closeSync(log);
  let usd = 0.4;
  const broadcast = async (): Promise<ReadonlyArray<number>> => {
    usd = Math.round((usd + 0.01) * 100) / 100;
    clients.send({ type: 'arm', usd });
    await next(clients, 'armed', 30_000);
    const received = next(clients, 'received', 60_000);
    const movedAt = Date.now();
    gecko.setPrice({ id: 'sei-network', usd, change24h: 1 });
    const { times } = await received;
    const fetchedAt = gecko.requests().find((r) => r.at >= movedAt && r.path.startsWith('/simple/price'))?.at;
    if (fetchedAt === undefined) throw new Error('the price ticker made no CoinGecko request after the price moved');
    return times.map((t) => t - fetchedAt);
  };
  try {
    const rows: FanoutRow[] = [];
    for (const count of counts) {
      clients.send({ type: 'grow', to: count });
      const connected = await next(clients, 'connected', 180_000);
      if (connected.count !== count) throw new Error(`only ${connected.count} of ${count} sockets connected`);
      await broadcast();
      const latencies = await broadcast();
      rows.push({
        sockets: latencies.length,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        maxMs: percentile(latencies, 100),
        workerRssMB: app.rssMB(),
      });
    }
    return { node: runtime.version, rows };
  } finally {
    const exited = new Promise((resolve) => clients.once('exit', resolve));
    if (clients.connected) clients.send({ type: 'close' });
    else clients.kill();
    await exited;
    await app.stop();
  }
};
