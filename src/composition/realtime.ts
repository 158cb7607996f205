import type { Server } from 'node:http';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/app-config';
import type { Registry } from '../config/registry';
import type { Metrics } from '../infra/metrics';
import { makeRateLimiter } from '../infra/rate-limit/rate-limiter';
import { attachRealtime, type RealtimeServer } from '../realtime/attach-realtime';
import type { RealtimeHub } from '../realtime/make-realtime-hub';
import type { AuthService } from '../services/auth/auth-service';
import type { ChatService } from '../services/chat/chat-service';
import type { Logger } from '../services/ports/logger';
import { priceTokensOf } from '../services/watcher/price-tokens';
import type { PortfolioSide } from './portfolio';
import type { WatchInterest } from './watcher';

export interface RealtimeWiring {
  readonly config: AppConfig;
  readonly registry: Registry;
  /** The Socket.IO server built early (alerts and fresh reads push through it). */
  readonly hub: RealtimeHub;
  /** Attached after its request listener is set: Socket.IO then takes /socket.io/ requests before Express sees them. */
  readonly server: Server;
  /** The per-socket event limit is shared through Redis when configured. */
  readonly redis: Redis | undefined;
  readonly auth: AuthService;
  readonly portfolio: PortfolioSide;
  readonly chat: ChatService;
  readonly interest: WatchInterest;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly now: () => Date;
}

/** Socket.IO on the HTTP server: handshake auth, per-socket limits, portfolio, price and chat events. */
export const attachSockets = (w: RealtimeWiring): RealtimeServer =>
  attachRealtime(w.hub, w.server, {
    config: w.config.realtime,
    verifyAccessToken: w.auth.verifyAccessToken,
    resolveWallet: w.portfolio.resolveWallet,
    getPortfolio: (wallet) => w.portfolio.service.getPortfolio(wallet),
    eventLimiter: makeRateLimiter({
      name: 'socket-events',
      points: w.config.realtime.eventRateMax,
      windowMs: w.config.realtime.eventRateWindowMs,
      ...(w.redis === undefined ? {} : { redis: w.redis }),
    }),
    watchedWallets: w.interest.wallets,
    priceInterest: w.interest.prices,
    trackedPriceKeys: new Set(priceTokensOf(w.registry).map((token) => token.key)),
    chat: w.chat,
    logger: w.logger,
    metrics: w.metrics,
    now: w.now,
  });
