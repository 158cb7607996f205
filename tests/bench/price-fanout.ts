import { Worker } from 'node:worker_threads';
import type { RunningServer } from '../../src/main';
import { REAL_REDIS_URL, startTestServer } from '../support/app/start-test-server';

export interface PriceFanout {
  /** Sockets subscribed to prices that received the update. */
  readonly sockets: number;
  /** Delivery latency from the server's emit to each client's `price_update` handler. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Resident memory of the process (server, plus the client thread's heap) with every socket connected. */
  readonly rssMB: number;
  /** V8 heap used by the server's isolate alone (the clients run in a worker thread with their own heap). */
  readonly heapMB: number;
}

const SOCKETS = 2000;
const CONNECT_BATCH = 100;
const DELIVERY_TIMEOUT_MS = 20_000;

type FromClients =
  | { readonly type: 'armed' }
  | { readonly type: 'connected'; readonly count: number }
  | { readonly type: 'received'; readonly times: ReadonlyArray<number> }
  | { readonly type: 'error'; readonly message: string };

/**
 * The clients, in a worker thread: their own event loop (the machine's second core) and their own heap, so the
 * server's heap and the delivery path are measured without them. Plain JavaScript, so no TypeScript loader is needed.
 */
const CLIENTS_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { io } = require(workerData.clientModule);
const now = () => performance.timeOrigin + performance.now();
const sockets = [];
const connectOne = () => new Promise((resolve, reject) => {
  const socket = io(workerData.url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: 20000 });
  socket.once('connect_error', reject);
  socket.once('connect', () => socket.timeout(20000).emit('subscribe_prices', {}, (err, ack) => (err || !ack.ok ? reject(err || new Error(JSON.stringify(ack))) : resolve(socket))));
});
const connectAll = async () => {
  for (let done = 0; done < workerData.sockets; done += workerData.batch) {
    const batch = await Promise.all(Array.from({ length: Math.min(workerData.batch, workerData.sockets - done) }, connectOne));
    sockets.push(...batch);
  }
};
parentPort.on('message', (message) => {
  if (message.type === 'arm') {
    const times = new Array(sockets.length);
    let left = sockets.length;
    sockets.forEach((socket, i) => {
      const onUpdate = (update) => {
        if (!update.prices.native || update.prices.native.usd !== message.usd) return;
        times[i] = now();
        socket.off('price_update', onUpdate);
        left -= 1;
        if (left === 0) parentPort.postMessage({ type: 'received', times });
      };
      socket.on('price_update', onUpdate);
    });
    parentPort.postMessage({ type: 'armed' });
  }
  if (message.type === 'close') {
    sockets.forEach((socket) => socket.close());
    parentPort.close();
  }
});
connectAll().then(
  () => parentPort.postMessage({ type: 'connected', count: sockets.length }),
  (error) => parentPort.postMessage({ type: 'error', message: String(error && error.message ? error.message : error) }),
);
`;

const percentile = (sorted: ReadonlyArray<number>, p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

const nextMessage = (worker: Worker, type: string, timeoutMs: number): Promise<FromClients> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      worker.off('message', onMessage);
      reject(new Error(`clients thread: no "${type}" within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: FromClients) => {
      if (message.type === 'error') {
        clearTimeout(timer);
        worker.off('message', onMessage);
        reject(new Error(`clients thread: ${message.message}`));
      } else if (message.type === type) {
        clearTimeout(timer);
        worker.off('message', onMessage);
        resolve(message);
      }
    };
    worker.on('message', onMessage);
  });

/** One `price_update` broadcast to every socket; resolves with each socket's delivery latency in ms. */
const broadcast = async (server: RunningServer, clients: Worker, usd: number): Promise<ReadonlyArray<number>> => {
  clients.postMessage({ type: 'arm', usd });
  await nextMessage(clients, 'armed', 5000);
  const received = nextMessage(clients, 'received', DELIVERY_TIMEOUT_MS);
  const emittedAt = performance.timeOrigin + performance.now();
  server.realtime.push.prices({ native: { usd, change24h: 1, updatedAt: new Date().toISOString() } });
  const message = await received;
  if (message.type !== 'received') throw new Error('clients thread answered out of turn');
  return message.times.map((t) => t - emittedAt);
};

/**
 * 2,000 Socket.IO clients subscribed to prices on one in-process worker (with the Redis adapter, as in production)
 * receive one `price_update`: delivery latency p50/p99 from the emit, and the worker's memory with them connected.
 * A first broadcast warms the path up; the second is measured.
 */
export async function benchPriceFanout(): Promise<PriceFanout> {
  // Prices are pushed by hand here: the ticker must not tick (it would find no CoinGecko anyway).
  const server = await startTestServer({ REDIS_URL: REAL_REDIS_URL, CACHE_TTL_PRICES: '3600', SOCKET_EVENT_RATE_MAX: '1000' });
  const clients = new Worker(CLIENTS_THREAD, {
    eval: true,
    workerData: { url: server.url, sockets: SOCKETS, batch: CONNECT_BATCH, clientModule: require.resolve('socket.io-client') },
  });
  try {
    const connected = await nextMessage(clients, 'connected', 45_000);
    if (connected.type !== 'connected' || connected.count !== SOCKETS) throw new Error(`only ${connected.type === 'connected' ? connected.count : 0} sockets connected`);
    await broadcast(server, clients, 1.01);
    const latencies = [...(await broadcast(server, clients, 1.02))].sort((a, b) => a - b);
    const memory = process.memoryUsage();
    return {
      sockets: latencies.length,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      rssMB: round(memory.rss / 2 ** 20, 1),
      heapMB: round(memory.heapUsed / 2 ** 20, 1),
    };
  } finally {
    clients.postMessage({ type: 'close' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await clients.terminate();
    await server.shutdown('bench done');
  }
}
