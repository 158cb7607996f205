import { availableParallelism } from 'node:os';
import { Server } from 'socket.io';
import type { AppConfig } from '../config/app-config';
import type { Logger } from '../infra/logging/logger';
import type { Metrics } from '../infra/metrics';
import { makeRealtimePush, type RealtimePush } from './realtime-push';
import { makeRedisAdapter } from './redis-adapter';
import type { RealtimeIo } from './socket-events';
import { isWebSocketOnly } from './transport-policy';

/** Socket.IO heartbeats. nginx's /socket.io/ read and send timeouts (75 s) must stay above their sum (45 s). */
export const PING_INTERVAL_MS = 25_000;
export const PING_TIMEOUT_MS = 20_000;

/** The Socket.IO server before it is attached to the HTTP server: enough to push (alerts, portfolio changes). */
export interface RealtimeHub {
  readonly io: RealtimeIo;
  readonly push: RealtimePush;
  readonly webSocketOnly: boolean;
  readonly isOriginAllowed: (origin: string) => boolean;
  /** From now on, new connections are refused (shutdown). */
  readonly stopAccepting: () => void;
  /** Unsubscribes from and closes the Redis adapter's connections. */
  readonly closeAdapter: () => Promise<void>;
}

export interface HubEnvironment {
  /** PM2's NODE_APP_INSTANCE of this worker, if under PM2. */
  readonly appInstance: string | undefined;
  readonly cpus: number;
}

/**
 * Builds the Socket.IO server (path /socket.io): the CORS allowlist of the HTTP API, a bounded message size, 25 s / 20 s
 * heartbeats, WebSocket only when several workers run, and the Redis adapter (channels prefixed with REDIS_KEY_PREFIX)
 * when REDIS_URL is set, so a room emit reaches every worker. Handshakes from an origin outside the allowlist (browsers
 * send one; other clients do not) and handshakes during shutdown are refused.
 */
export const makeRealtimeHub = (
  config: AppConfig,
  logger: Logger,
  /** Where `socketio_pushes_total` is counted (optional). */
  metrics?: Metrics,
  env: HubEnvironment = { appInstance: process.env['NODE_APP_INSTANCE'], cpus: availableParallelism() },
): RealtimeHub => {
  const allowed = new Set(config.server.allowedOrigins);
  const isOriginAllowed = (origin: string) => allowed.has(origin);
  const webSocketOnly = isWebSocketOnly(config.realtime.transports, { appInstance: env.appInstance, clusterWorkers: config.clusterWorkers, cpus: env.cpus });
  const adapter =
    config.redis.url === undefined ? undefined : makeRedisAdapter({ url: config.redis.url, password: config.redis.password, channelPrefix: config.redis.keyPrefix }, logger);
  let isAccepting = true;
  const io: RealtimeIo = new Server({
    path: '/socket.io',
    serveClient: false,
    transports: webSocketOnly ? ['websocket'] : ['polling', 'websocket'],
    maxHttpBufferSize: config.realtime.maxPayloadBytes,
    pingInterval: PING_INTERVAL_MS,
    pingTimeout: PING_TIMEOUT_MS,
    connectTimeout: 10_000,
    cors: { origin: (origin, callback) => callback(null, origin !== undefined && isOriginAllowed(origin)), credentials: true },
    allowRequest: (req, callback) => {
      const origin = req.headers.origin;
      if (!isAccepting) callback('The server is shutting down: reconnect', false);
      else if (origin !== undefined && !isOriginAllowed(origin)) callback('Origin not allowed', false);
      else callback(null, true);
    },
    ...(adapter === undefined ? {} : { adapter: adapter.adapter }),
  });
  return {
    io,
    push: makeRealtimePush(io, () => new Date(), (event) => metrics?.socketPushes.inc({ event })),
    webSocketOnly,
    isOriginAllowed,
    stopAccepting: () => {
      isAccepting = false;
    },
    closeAdapter: async () => {
      await io.of('/').adapter.close();
      await adapter?.close();
    },
  };
};
