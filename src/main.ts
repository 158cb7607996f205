import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/Either';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { makeAccountErasure } from './composition/account';
import { makeAssistant } from './composition/ai';
import { makeAlerts } from './composition/alerts';
import { makeAuth } from './composition/auth';
import { cacheHealth, makeAppCache } from './composition/cache';
import { makeChain, type Chain } from './composition/chain';
import { makeLending } from './composition/lending';
import { makeHttpServer, type HttpServer } from './composition/http';
import { makePortfolio, type PortfolioSide } from './composition/portfolio';
import { makeAppPricing, type Pricing } from './composition/pricing';
import { makeTxTracking, type TxTracking } from './composition/tx-track';
import { attachSockets } from './composition/realtime';
import { closeStorage, describeStorage, openStorage, type Storage } from './composition/storage';
import { makeTx } from './composition/tx';
import { makeWatchInterest, startClusterWatcher, type WatchInterest } from './composition/watcher';
import { decodeConfig, type AppConfig } from './config/app-config';
import { formatEnvProblems } from './config/decode-env';
import { loadRegistry, type Registry } from './config/registry';
import type { MonitoredCache } from './infra/cache/cache';
import type { Database } from './infra/db/open-database';
import { makeLifecycle, type Lifecycle } from './infra/lifecycle';
import { makeLogger } from './infra/logging/logger';
import { makeMetrics, type Metrics } from './infra/metrics';
import { readPackageVersion } from './infra/package-version';
import { keepSecretInDataDir } from './infra/secrets/keep-secret-in-data-dir';
import type { RealtimeServer } from './realtime/attach-realtime';
import { makeRealtimeHub } from './realtime/make-realtime-hub';
import { pushPortfolioChanges } from './realtime/push-portfolio-changes';
import { startSnapshotRetentionJob } from './services/portfolio/snapshot-retention';
import type { Logger } from './services/ports/logger';

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly app: Express;
  readonly server: Server;
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly lifecycle: Lifecycle;
  readonly database: Database;
  readonly cache: MonitoredCache;
  readonly redis: Redis | undefined;
  /** Socket.IO: pushes (portfolio, prices, alerts, transactions, system messages) and a hook for more event handlers. */
  readonly realtime: RealtimeServer;
  /** Graceful stop: readiness off, stop accepting, drain in-flight requests, close Redis and the pool. */
  readonly shutdown: (reason: string) => Promise<void>;
}

export interface StartOptions {
  readonly logger?: Logger;
  /** The clock of the whole app, in-process cache TTLs included (real time by default): tests move it instead of waiting. */
  readonly now?: () => Date;
}

/** The whole application, built and wired, not yet listening and with no background work started. */
export interface World {
  readonly config: AppConfig;
  readonly registry: Registry;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly lifecycle: Lifecycle;
  readonly storage: Storage;
  readonly cache: MonitoredCache;
  readonly chain: Chain;
  readonly pricing: Pricing;
  readonly portfolio: PortfolioSide;
  readonly http: HttpServer;
  readonly realtime: RealtimeServer;
  readonly interest: WatchInterest;
  readonly txTracking: TxTracking;
}

const registryOf = (config: AppConfig): Registry => {
  const registry = loadRegistry(config.chain);
  if (E.isLeft(registry)) throw new Error(registry.left);
  return registry.right;
};

/** Builds every adapter and service from the config and wires them to the HTTP and Socket.IO edges (src/composition). */
export const buildWorld = async (config: AppConfig, logger: Logger, clock?: () => Date): Promise<World> => {
  const registry = registryOf(config);
  const metrics = makeMetrics();
  const lifecycle = makeLifecycle();
  const now = clock ?? (() => new Date());
  const storage = await openStorage(config, logger);
  const { redis, database } = storage;
  // The in-process store's TTLs run on an injected clock only (Redis keeps its own time); else on the monotonic clock.
  const sharedCache = redis === undefined || storage.redisSubscriber === undefined ? undefined : { client: redis, subscriber: storage.redisSubscriber };
  const cache = makeAppCache(config, sharedCache, logger, metrics, clock === undefined ? undefined : () => now().getTime());
  const chain = makeChain({ config, registry, cache, logger, metrics, now });
  const pricing = makeAppPricing({ config, registry, cache, logger, metrics, readDexPools: chain.readDexPools, now });
  const auth = makeAuth({ config, redis, pool: database.pool, chain: chain.client, logger, now });
  // Socket.IO exists before the HTTP server so that alerts and fresh reads can push; it is attached further down.
  const hub = makeRealtimeHub(config, logger, metrics);
  const alerts = makeAlerts({ config, registry, pool: database.pool, priceFeed: pricing.priceFeed, notify: hub.push.riskAlert, logger, now, onEvaluated: (outcome) => metrics.alertEvaluations.inc({ outcome }) });
  const pushChanges = pushPortfolioChanges(hub.push, logger);
  const portfolio = makePortfolio({
    config,
    registry,
    chain,
    priceFeed: pricing.priceFeed,
    cache,
    redis,
    pool: database.pool,
    logger,
    now,
    onFreshRead: (fresh, previous) => {
      alerts.evaluateInBackground(fresh, previous);
      pushChanges(fresh, previous);
    },
  });
  const txTracking = makeTxTracking({ config, registry, pool: database.pool, redis, chain: chain.client, push: hub.push, portfolio: portfolio.service, logger, metrics, now });
  const tx = makeTx({ config, registry, chain, logger, now });
  const lending = makeLending({ config, registry, chain, engine: tx.engine, now });
  const assistant = makeAssistant({ config, redis, pool: database.pool, cache, metrics, logger, now, portfolio: portfolio.service, history: portfolio.history, priceFeed: pricing.priceFeed, registry, lending: lending.market, prepareRoutes: lending.routes });
  const http = makeHttpServer({
    config,
    registry,
    storage,
    cache,
    lifecycle,
    logger,
    metrics,
    checks: {
      database: async () => {
        await database.pool.query('SELECT 1');
        return 'up';
      },
      cache: cacheHealth(cache, redis),
      rpc: chain.health,
      openai: assistant.openaiHealth,
    },
    auth,
    alerts: alerts.service,
    portfolio,
    pricing,
    assistant,
    tx,
    lendingRoutes: lending.routes,
    eraseAccountData: makeAccountErasure({ pool: database.pool, auth }),
    txTracking,
  });
  const interest = makeWatchInterest(redis, logger);
  const realtime = attachSockets({ config, registry, hub, server: http.server, redis, auth, portfolio, chat: assistant.chat, interest, logger, metrics, now });
  return { config, registry, logger, metrics, lifecycle, storage, cache, chain, pricing, portfolio, http, realtime, interest, txTracking };
};

const CLUSTER_HANDOFF_GRACE_MS = 300;
/** During the drain, a keep-alive connection unused this long is closed: a busy client has had its `Connection: close`. */
const DRAIN_IDLE_GRACE_MS = 1000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

const listen = (server: Server, config: AppConfig): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });

/** What runs besides answering requests: the cluster's watcher and transaction follower (leaders only) and, with RUN_JOBS, snapshot retention. */
const startBackgroundWork = (world: World) => {
  const { config, storage, logger } = world;
  const watcher = startClusterWatcher({
    config,
    redis: storage.redis,
    chain: world.chain.client,
    pool: storage.database.pool,
    registry: world.registry,
    refresh: world.portfolio.service.refresh,
    priceFeed: world.pricing.priceFeed,
    publishPrices: world.realtime.push.prices,
    interest: world.interest,
    logger,
    onLoopRun: (loop) => world.metrics.loopRuns.inc({ loop }),
  });
  world.metrics.observeWatcherLeader(watcher.isLeader);
  const txFollower = world.txTracking.startFollower();
  const jobs = config.runJobs ? startSnapshotRetentionJob(world.portfolio.snapshots, logger) : undefined;
  return {
    stop: async (): Promise<void> => {
      jobs?.stop();
      await Promise.all([watcher.stop(), txFollower.stop()]);
    },
  };
};

/**
 * The graceful stop, once however often it is asked for: readiness off, background work stopped, sockets told and
 * closed, then (after the readiness delay) the HTTP drain, and last Redis and the database.
 */
const makeShutdown = (world: World, background: { readonly stop: () => Promise<void> }): ((reason: string) => Promise<void>) => {
  const { config, logger } = world;
  let stopping: Promise<void> | undefined;
  return (reason) => {
    stopping ??= (async () => {
      logger.info('shutting down', { reason });
      world.lifecycle.beginShutdown();
      await background.stop();
      // Socket.IO first: clients are told, their connections close, and they reconnect to another worker.
      await world.realtime.close('The server is restarting: reconnecting');
      await sleep(config.server.shutdownReadinessDelayMs);
      // Keep-alive clients are told `Connection: close` and finish their requests; none is reset.
      await world.http.connections.drain({ timeoutMs: config.server.shutdownTimeoutMs, idleGraceMs: DRAIN_IDLE_GRACE_MS });
      // In cluster mode (PM2) the master may have just handed this worker a connection: stay alive a moment so the
      // worker can refuse it and the master gives it to another worker, instead of stranding it by exiting.
      if (cluster.isWorker) await sleep(CLUSTER_HANDOFF_GRACE_MS);
      await closeStorage(world.storage, logger);
      logger.info('shutdown complete');
    })();
    return stopping;
  };
};

/** Listens, starts the background work, turns readiness on, and hands back the running server with its shutdown. */
export const runWorld = async (world: World): Promise<RunningServer> => {
  const { config, logger, http, storage } = world;
  const port = await listen(http.server, config);
  const background = startBackgroundWork(world);
  world.lifecycle.markReady();
  logger.info(`listening on ${config.server.host}:${port}; ${describeStorage(storage, config)}`, { port, env: config.env });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    app: http.app,
    server: http.server,
    config,
    logger,
    metrics: world.metrics,
    lifecycle: world.lifecycle,
    database: storage.database,
    cache: world.cache,
    redis: storage.redis,
    realtime: world.realtime,
    shutdown: makeShutdown(world, background),
  };
};

/** Builds the application from a config and starts it (tests call this with test settings, main() with the real ones). */
export const startServer = async (config: AppConfig, options: StartOptions = {}): Promise<RunningServer> =>
  runWorld(await buildWorld(config, options.logger ?? makeLogger({ ...config.log, env: config.env }), options.now));

/** Process entry: decode config (refusing to start on any problem), start, and own signals and fatal errors. */
const main = async (): Promise<void> => {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const decoded = decodeConfig(process.env, readPackageVersion(), { keptSecret: keepSecretInDataDir });
  if (E.isLeft(decoded)) {
    process.stderr.write(`Refusing to start: invalid configuration\n${formatEnvProblems(decoded.left)}\n`);
    process.exit(1);
  }
  const { config, warnings } = decoded.right;
  const logger = makeLogger({ ...config.log, env: config.env });
  for (const warning of warnings) logger.warn(warning);
  const running = await startServer(config, { logger });

  const stop = (signal: string) => {
    running.shutdown(signal).then(
      () => process.exit(0),
      (cause: unknown) => {
        logger.error('shutdown failed', { cause });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  process.on('unhandledRejection', (reason) => {
    logger.error('unhandled promise rejection: exiting so the supervisor restarts a clean process', { reason });
    process.exit(1);
  });
  process.on('uncaughtException', (error) => {
    logger.error('uncaught exception: exiting so the supervisor restarts a clean process', { error });
    process.exit(1);
  });
  process.send?.('ready');
};

if (require.main === module) {
  main().catch((cause: unknown) => {
    process.stderr.write(`failed to start: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`);
    process.exit(1);
  });
}
