import type { Server as HttpServer } from 'node:http';
import type * as TE from 'fp-ts/TaskEither';
import type { AppConfig } from '../config/app-config';
import type { AppError } from '../domain/app-error';
import type { WalletAddress } from '../domain/address/wallet-address';
import type { Portfolio } from '../domain/portfolio/portfolio';
import type { Logger } from '../services/ports/logger';
import type { Metrics } from '../infra/metrics';
import type { RateLimiter } from '../infra/rate-limit/rate-limiter';
import type { AuthSession } from '../services/auth/auth-service';
import type { ChatService } from '../services/chat/chat-service';
import type { InterestSet } from '../services/watcher/ports';
import { registerChatMessages } from './chat-messages';
import { limitEventRate } from './event-rate-limit';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS, type RealtimeHub } from './make-realtime-hub';
import { registerPortfolioSubscriptions } from './portfolio-subscriptions';
import { registerPriceSubscriptions } from './price-subscriptions';
import type { RealtimePush } from './realtime-push';
import { refusePolling } from './refuse-polling';
import { authenticateHandshake, startSessionOf } from './socket-auth';
import type { RealtimeIo, RealtimeSocket } from './socket-events';
import { startSessionRecheck } from './session-recheck';
import { registerSocketMetrics } from './socket-metrics';

export interface RealtimeDeps {
  readonly config: AppConfig['realtime'];
  readonly verifyAccessToken: (token: string) => TE.TaskEither<AppError, AuthSession>;
  readonly resolveWallet: (input: string) => TE.TaskEither<AppError, WalletAddress>;
  readonly getPortfolio: (wallet: WalletAddress) => TE.TaskEither<AppError, Portfolio>;
  /** Per-socket event limiter (SOCKET_EVENT_RATE_MAX per SOCKET_EVENT_RATE_WINDOW_MS). */
  readonly eventLimiter: RateLimiter;
  readonly watchedWallets: InterestSet;
  readonly priceInterest: InterestSet;
  /** Price keys the ticker publishes (`native`, registry token addresses). */
  readonly trackedPriceKeys: ReadonlySet<string>;
  /** The assistant chat, for `chat_message`. */
  readonly chat: ChatService;
  readonly logger: Logger;
  /** Where `socketio_connections` is exported (optional). */
  readonly metrics?: Metrics;
  readonly now: () => Date;
}

/** Adds per-socket event handlers (e.g. `chat_message`); see on-event.ts for decoding and acks. */
export type ConnectionHook = (socket: RealtimeSocket) => void;

export interface RealtimeServer {
  readonly io: RealtimeIo;
  readonly push: RealtimePush;
  /** Runs `hook` for every socket that connects from now on, after the built-in handlers. */
  readonly onConnection: (hook: ConnectionHook) => void;
  /**
   * Shutdown, before the HTTP server closes: refuse new connections, send `system_message` to this worker's sockets,
   * close their connections (not a Socket.IO disconnect, so clients reconnect, to another worker), close the adapter.
   */
  readonly close: (message: string) => Promise<void>;
}

const CLOSE_GRACE_MS = 2000;

/** Attaches the hub to the HTTP server (after its request listener is set, so /socket.io/ requests are not also seen by it) and wires the handshake, limits, subscription and chat events. */
export const attachRealtime = (hub: RealtimeHub, server: HttpServer, deps: RealtimeDeps): RealtimeServer => {
  const { io } = hub;
  io.attach(server);
  if (deps.metrics !== undefined) registerSocketMetrics(deps.metrics, io);
  if (hub.webSocketOnly) {
    io.engine.use(refusePolling({ pingIntervalMs: PING_INTERVAL_MS, pingTimeoutMs: PING_TIMEOUT_MS, maxPayload: deps.config.maxPayloadBytes, isOriginAllowed: hub.isOriginAllowed }));
  }
  io.use(authenticateHandshake(deps.verifyAccessToken));
  const nowMs = () => deps.now().getTime();
  const hooks: ConnectionHook[] = [
    (socket) => startSessionOf(socket, deps.now),
    limitEventRate({ limiter: deps.eventLimiter, floodDisconnectAfter: deps.config.floodDisconnectAfter, logger: deps.logger, now: nowMs }),
    registerPortfolioSubscriptions({
      resolveWallet: deps.resolveWallet,
      getPortfolio: deps.getPortfolio,
      watched: deps.watchedWallets,
      maxSubscriptions: deps.config.maxSubscriptions,
      logger: deps.logger,
      now: deps.now,
    }),
    registerPriceSubscriptions({ trackedKeys: deps.trackedPriceKeys, interest: deps.priceInterest, logger: deps.logger }),
    registerChatMessages({ chat: deps.chat, logger: deps.logger }),
  ];
  io.on('connection', (socket) => {
    for (const hook of hooks) {
      try {
        hook(socket);
      } catch (cause) {
        deps.logger.error('socket connection hook threw', { socketId: socket.id, cause });
      }
    }
  });
  const recheck = startSessionRecheck({
    io,
    verifyAccessToken: deps.verifyAccessToken,
    intervalMs: deps.config.authRecheckMs,
    logger: deps.logger,
    now: deps.now,
    onSwept: () => deps.metrics?.loopRuns.inc({ loop: 'session_recheck' }),
  });

  let closing: Promise<void> | undefined;
  const close = async (message: string): Promise<void> => {
    hub.stopAccepting();
    recheck.stop();
    const sockets = [...io.of('/').sockets.values()];
    io.local.emit('system_message', { type: 'info', message, timestamp: deps.now().toISOString() });
    const gone = Promise.all(sockets.map((socket) => new Promise<void>((resolve) => (socket.connected ? socket.once('disconnect', () => resolve()) : resolve()))));
    sockets.forEach((socket) => socket.conn.close());
    await Promise.race([gone, new Promise((resolve) => setTimeout(resolve, CLOSE_GRACE_MS).unref())]);
    io.engine.close();
    await hub.closeAdapter().catch((cause: unknown) => deps.logger.warn('closing the socket.io adapter failed', { cause }));
    deps.watchedWallets.stop();
    deps.priceInterest.stop();
  };

  return {
    io,
    push: hub.push,
    onConnection: (hook) => {
      hooks.push(hook);
    },
    close: (message) => {
      closing ??= close(message);
      return closing;
    },
  };
};
