import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import type { AppConfig } from '../config/app-config';
import { findRegistryToken, registryTokenRef, type Registry } from '../config/registry';
import { makeApp } from '../http/app';
import { makeConnectionDrain, type ConnectionDrain } from '../http/connection-drain';
import { docsRoutes } from '../http/openapi/docs-routes';
import { accountRoutes, type AccountRouteDeps } from '../http/routes/account-routes';
import { aiRoutes } from '../http/routes/ai-routes';
import { alertRoutes } from '../http/routes/alert-routes';
import { authRoutes } from '../http/routes/auth-routes';
import { chatRoutes } from '../http/routes/chat-routes';
import { healthRoutes } from '../http/routes/health-routes';
import { operatorRoutes } from '../http/routes/operator-routes';
import { portfolioRoutes } from '../http/routes/portfolio-routes';
import { priceRoutes } from '../http/routes/price-routes';
import { txLendingRoutes } from '../http/routes/tx-lending-routes';
import { txSwapRoutes } from '../http/routes/tx-swap-routes';
import { txLiquidityRoutes } from '../http/routes/tx-liquidity-routes';
import { txTrackRoutes } from '../http/routes/tx-track-routes';
import { txWrapRoutes } from '../http/routes/tx-wrap-routes';
import type { MonitoredCache } from '../infra/cache/cache';
import type { Lifecycle } from '../infra/lifecycle';
import type { Metrics } from '../infra/metrics';
import { makeHttpRateLimits } from './http-rate-limits';
import type { AlertsService } from '../services/alerts/alerts-service';
import type { AuthService } from '../services/auth/auth-service';
import type { HealthChecks } from '../services/health';
import type { Logger } from '../services/ports/logger';
import type { Assistant } from './ai';
import type { PortfolioSide } from './portfolio';
import type { Pricing } from './pricing';
import type { Storage } from './storage';
import type { PrepareFromBody } from '../services/tx/lending';
import type { TxTracking } from './tx-track';
import type { TxSide } from './tx';

export interface HttpWiring {
  readonly config: AppConfig;
  readonly registry: Registry;
  /** The pool's counts go to /debug/performance; rate limits are shared through Redis when configured. */
  readonly storage: Storage;
  readonly cache: MonitoredCache;
  readonly lifecycle: Lifecycle;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly checks: HealthChecks;
  readonly auth: AuthService;
  readonly alerts: AlertsService;
  readonly portfolio: PortfolioSide;
  readonly pricing: Pricing;
  readonly assistant: Assistant;
  readonly tx: TxSide;
  /** The lending prepare routes by path (src/composition/lending.ts). */
  readonly lendingRoutes: Readonly<Record<string, PrepareFromBody>>;
  readonly eraseAccountData: AccountRouteDeps['eraseAccountData'];
  readonly txTracking: TxTracking;
}

export interface HttpServer {
  readonly server: Server;
  readonly app: Express;
  /** Open connections, and the drain that closes them without resetting anyone at shutdown. */
  readonly connections: ConnectionDrain;
}

/** How long past REQUEST_TIMEOUT a request may run before Node itself cuts it; keep-alive of idle connections. */
const SERVER_REQUEST_TIMEOUT_MARGIN_MS = 5000;
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/** The Express app: operator routes outside /api, then every feature router under /api behind the rate limits. */
const makeHttpApp = (w: HttpWiring, connections: ConnectionDrain): Express => {
  const { config, registry } = w;
  const { database, redis } = w.storage;
  const limits = makeHttpRateLimits(config, redis);
  return makeApp({
    config,
    logger: w.logger,
    metrics: w.metrics,
    limiters: { api: limits.api, ai: limits.ai },
    operatorRouters: [
      healthRoutes({ checks: w.checks, lifecycle: w.lifecycle, version: config.version }),
      operatorRoutes({
        metrics: w.metrics,
        metricsToken: config.server.metricsToken,
        cacheStats: w.cache.stats,
        connections: () => ({ http: connections.openConnections(), dbPoolTotal: database.pool.totalCount, dbPoolIdle: database.pool.idleCount }),
      }),
    ],
    // The hot routes first: every router before the one that matches costs a walk of its routes on each request.
    apiRouters: [
      portfolioRoutes({
        queries: w.portfolio.queries,
        registry,
        refreshLimit: limits.refresh,
      }),
      docsRoutes(config.version),
      authRoutes(w.auth),
      alertRoutes({ auth: w.auth, alerts: w.alerts }),
      aiRoutes({ auth: w.auth, ai: w.assistant.ai, resolveWallet: w.portfolio.resolveWallet }),
      chatRoutes({ auth: w.auth, chat: w.assistant.chat }),
      accountRoutes({ auth: w.auth, eraseAccountData: w.eraseAccountData }),
      txTrackRoutes({ auth: w.auth, ...w.txTracking.routes }),
      txWrapRoutes({ auth: w.auth, wrap: w.tx.wrap }),
      txLendingRoutes({ auth: w.auth, routes: w.lendingRoutes }),
      txSwapRoutes({ auth: w.auth, swap: w.tx.swap }),
      txLiquidityRoutes({ auth: w.auth, liquidity: w.tx.liquidity }),
      priceRoutes({
        priceFeed: w.pricing.priceFeed,
        history: w.pricing.history,
        nativeCoingeckoId: registry.nativeCoingeckoId,
        knownToken: (address) => {
          const known = findRegistryToken(registry, address);
          return known === undefined ? undefined : registryTokenRef(known);
        },
      }),
    ],
  });
};

/** The HTTP server with the app as its request listener, not listening yet; Socket.IO is attached to it next. */
export const makeHttpServer = (w: HttpWiring): HttpServer => {
  const server = createServer();
  const connections = makeConnectionDrain(server);
  const app = makeHttpApp(w, connections);
  server.on('request', app);
  server.requestTimeout = w.config.server.requestTimeoutMs + SERVER_REQUEST_TIMEOUT_MARGIN_MS;
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  return { server, app, connections };
};
