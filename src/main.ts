import cluster from 'node:cluster';
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as E from 'fp-ts/Either';
import type { Express } from 'express';
import type { Redis } from 'ioredis';
import { decodeConfig, type AppConfig } from './config/app-config';
import { formatEnvProblems } from './config/decode-env';
import { makeApp } from './http/app';
import { makeConnectionDrain } from './http/connection-drain';
import { healthRoutes } from './http/routes/health-routes';
import { operatorRoutes } from './http/routes/operator-routes';
import type { Cache } from './infra/cache/cache';
import { makeCache } from './infra/cache/make-cache';
import { makeMemoryStore } from './infra/cache/memory-store';
import { makeRedisStore } from './infra/cache/redis-store';
import { openDatabase, type Database } from './infra/db/open-database';
import { makeLifecycle, type Lifecycle } from './infra/lifecycle';
import { makeLogger, type Logger } from './infra/logging/logger';
import { makeMetrics, type Metrics } from './infra/metrics';
import { makeRateLimiter } from './infra/rate-limit/rate-limiter';
import { makeRedisClient, waitForRedis } from './infra/redis/make-redis-client';
import { readPackageVersion } from './infra/package-version';
import { keepSecretInDataDir } from './infra/secrets/keep-secret-in-data-dir';
import { getAddress } from 'viem';
import { executeReadPlans } from './adapters/chain/execute-read-plans';
import { makeLensFirstReadChain, type WalletReadChain } from './adapters/chain/lens/make-lens-first-read-chain';
import { portfolioLensSetupOf } from './adapters/chain/lens/portfolio-lens-setup';
import { makeSeiClient } from './adapters/chain/make-sei-client';
import { observeReadRounds } from './adapters/chain/observe-read-rounds';
import type { ReadPlan } from './adapters/chain/read-plan';
import { makeReadDexPools } from './adapters/prices/read-dex-pools';
import { makeProtocolReaders } from './adapters/protocols/make-protocol-readers';
import { resolveSeiAddress } from './adapters/chain/resolve-sei-address';
import { findRegistryToken, loadRegistry, registryTokenRef } from './config/registry';
import { docsRoutes } from './http/openapi/docs-routes';
import { portfolioRoutes } from './http/routes/portfolio-routes';
import { priceRoutes } from './http/routes/price-routes';
import { makeSnapshotsRepository } from './infra/db/snapshots-repository';
import { makeMemoryLock, makeRedisLock } from './infra/lock/lock';
import { makeCachedProbe } from './services/cached-probe';
import { makeCircuitBreaker } from './services/circuit/circuit-breaker';
import { makeRpcGuard } from './services/rpc/rpc-guard';
import { makePricing } from './services/pricing/make-pricing';
import { withDexFallback } from './services/pricing/with-dex-fallback';
import type { PortfolioDeps } from './services/portfolio/portfolio-deps';
import { makePortfolioService } from './services/portfolio/portfolio-service';
import { resolveWallet } from './services/portfolio/resolve-wallet';
import { startSnapshotRetentionJob } from './services/portfolio/snapshot-retention';
import { accountRoutes } from './http/routes/account-routes';
import { alertRoutes } from './http/routes/alert-routes';
import { authRoutes } from './http/routes/auth-routes';
import { makeAlertsRepository } from './infra/db/alerts-repository';
import { makeWalletDataStore } from './infra/db/wallet-data-store';
import { eraseAccountData } from './services/account/erase-account-data';
import type { AlertNotifier } from './services/alerts/alert-notifier';
import { alertTokenRefOf } from './services/alerts/alert-token-ref';
import { evaluateAlertsInBackground, makeAlertsService } from './services/alerts/alerts-service';
import { makeAuth } from './services/auth/make-auth';
import { aiRoutes } from './http/routes/ai-routes';
import { chatRoutes, chatSocketHook } from './http/routes/chat-routes';
import { makeAssistant } from './services/ai/make-assistant';
import { attachRealtime, type RealtimeServer } from './realtime/attach-realtime';
import { makeRealtimeHub } from './realtime/make-realtime-hub';
import { pushPortfolioChanges } from './realtime/push-portfolio-changes';
import { makeWatchInterest } from './services/watcher/make-watch-interest';
import { priceTokensOf } from './services/watcher/price-tokens';
import { startClusterWatcher } from './services/watcher/start-cluster-watcher';

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
  readonly cache: Cache;
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

const describeStorage = (db: Database, config: AppConfig, redis: Redis | undefined): string =>
  `storage: ${db.kind === 'embedded' ? `embedded Postgres (PGlite) in ${config.database.dataDir}` : 'Postgres (DATABASE_URL)'}; ` +
  `cache: ${redis === undefined ? 'in-process LRU (no REDIS_URL; limits are per process)' : 'Redis (REDIS_URL), in-process fallback while it is down'}`;

/** Composes the whole application from a config and starts listening. The only composition root. */
export const startServer = async (config: AppConfig, options: StartOptions = {}): Promise<RunningServer> => {
  const logger = options.logger ?? makeLogger({ ...config.log, env: config.env });
  const registryOrError = loadRegistry(config.chain);
  if (E.isLeft(registryOrError)) throw new Error(registryOrError.left);
  const registry = registryOrError.right;
  const metrics = makeMetrics();
  const lifecycle = makeLifecycle();
  const database = await openDatabase(config, logger);

  const redis =
    config.redis.url === undefined
      ? undefined
      : makeRedisClient({ url: config.redis.url, password: config.redis.password, keyPrefix: config.redis.keyPrefix, name: 'main' }, logger);
  if (redis !== undefined && !(await waitForRedis(redis, 3000))) logger.warn('redis is not reachable at start: running degraded until it is');
  const now = options.now ?? (() => new Date());
  // The in-process store's TTLs run on an injected clock only (Redis keeps its own time); else on the monotonic clock.
  const memoryStore = makeMemoryStore(config.cacheMemoryMaxEntries, options.now === undefined ? undefined : () => now().getTime());
  const cache =
    redis === undefined
      ? makeCache(memoryStore, { logger, metrics })
      : makeCache(makeRedisStore(redis), { logger, metrics, fallback: memoryStore });

  const limiters = {
    api: makeRateLimiter({ name: 'api', points: config.rateLimit.max, windowMs: config.rateLimit.windowMs, ...(redis === undefined ? {} : { redis }) }),
    ai: makeRateLimiter({ name: 'ai', points: config.rateLimit.aiMax, windowMs: config.rateLimit.aiWindowMs, ...(redis === undefined ? {} : { redis }) }),
  };

  const chain = makeSeiClient(config.chain, metrics);
  const multicallAddress = getAddress(config.chain.multicall3Address);
  const pricing = makePricing({ config, network: registry, cache, logger, metrics, options: { now: () => now().getTime() } });
  metrics.observeCircuit('coingecko', () => pricing.circuit.snapshot().openUntil > 0);
  const readInRounds = <A>(plans: ReadonlyArray<ReadPlan<A>>) => executeReadPlans({ client: chain, multicallAddress, logger }, plans);
  const lensOrRounds = config.chain.portfolioLens
    ? makeLensFirstReadChain({ client: chain, setup: portfolioLensSetupOf(registry, multicallAddress), readInRounds, logger, now: () => now().getTime() })
    : readInRounds;
  // Portfolio and price reads of the chain give up at a deadline, and answer stored data at once while the RPC is down.
  const rpcCircuit = makeCircuitBreaker({
    name: 'rpc',
    failureThreshold: config.rpcGuard.circuitFailures,
    openSeconds: config.rpcGuard.circuitOpenSeconds,
    shared: cache,
    logger,
    now: () => now().getTime(),
  });
  metrics.observeCircuit('rpc', () => rpcCircuit.snapshot().openUntil > 0);
  const rpc = makeRpcGuard({ breaker: rpcCircuit, deadlineMs: config.rpcGuard.readDeadlineMs, logger });
  const readChain: WalletReadChain = (plans, hint) => rpc.guard(lensOrRounds(plans, hint));
  const dragonswapV2 = registry.protocols.dragonswapV2;
  const priceFeed = withDexFallback(pricing.priceFeed, {
    registry,
    readPools: dragonswapV2 === undefined ? undefined : makeReadDexPools({ ...dragonswapV2, readChain: (plans) => rpc.guard(readInRounds(plans)) }),
    minLiquidityUSD: config.dexMinLiquidityUsd,
    ttlSeconds: config.cacheTtlSeconds.prices,
    cache,
    logger,
    now,
  });
  const snapshots = makeSnapshotsRepository(database.pool);
  const auth = makeAuth({ config, redis, pool: database.pool, chain, logger, now });
  // Socket.IO exists before the HTTP server so that alerts and fresh reads can push; it is attached further down.
  const realtimeHub = makeRealtimeHub(config, logger, metrics);
  /** Triggered alerts go to the sockets signed in as the wallet, as `risk_alert`. */
  const notifyRiskAlert: AlertNotifier = realtimeHub.push.riskAlert;
  const alerts = makeAlertsService({
    alerts: makeAlertsRepository(database.pool),
    notify: notifyRiskAlert,
    tokenRefOf: (input) => alertTokenRefOf(registry, input),
    priceFeed,
    maxPerWallet: config.alerts.maxPerWallet,
    logger,
    now,
  });
  const eraseData = eraseAccountData({ store: makeWalletDataStore(database.pool), endSessions: auth.endSessions });
  const evaluateAlerts = evaluateAlertsInBackground(alerts, logger, (outcome) => metrics.alertEvaluations.inc({ outcome }));
  const pushChanges = pushPortfolioChanges(realtimeHub.push, logger);
  const portfolioDeps: PortfolioDeps = {
    registry,
    multicallAddress,
    protocolReaders: makeProtocolReaders(registry),
    readChain: observeReadRounds(readChain, (rounds) => metrics.portfolioReadRoundTrips.observe(rounds)),
    resolveSeiAddress: (bech32) => rpc.guard(resolveSeiAddress(chain)(bech32)),
    priceFeed,
    cache,
    lock: redis === undefined ? makeMemoryLock() : makeRedisLock(redis),
    snapshots,
    logger,
    portfolioTtlSeconds: config.cacheTtlSeconds.portfolio,
    snapshotMinIntervalSeconds: config.snapshots.minIntervalSeconds,
    maxExtraTokens: config.chain.maxExtraTokens,
    now,
    onFreshRead: (fresh, previous) => {
      evaluateAlerts(fresh, previous);
      pushChanges(fresh, previous);
    },
  };
  const portfolio = makePortfolioService(portfolioDeps);
  const assistant = makeAssistant({
    config,
    redis,
    pool: database.pool,
    cache,
    metrics,
    logger,
    now,
    portfolio,
    history: { snapshots, chainId: registry.chainId, now },
    priceFeed,
    registry,
  });
  const jobs = config.runJobs ? startSnapshotRetentionJob(snapshots, logger) : undefined;

  const server = createServer();
  const connections = makeConnectionDrain(server);
  const rpcProbe = makeCachedProbe(async () => {
    await chain.getBlockNumber({ cacheTime: 0 });
    return 'up' as const;
  }, 10_000);
  const checks = {
    database: async () => {
      await database.pool.query('SELECT 1');
      return 'up' as const;
    },
    cache: async () => (redis === undefined ? 'up' : (await cache.ping()) ? 'up' : 'down'),
    rpc: rpc.health(rpcProbe),
    openai: assistant.openaiHealth,
  };
  const app = makeApp({
    config,
    logger,
    metrics,
    limiters,
    operatorRouters: [
      healthRoutes({ checks, lifecycle, version: config.version }),
      operatorRoutes({
        metrics,
        metricsToken: config.server.metricsToken,
        cacheStats: cache.stats,
        connections: () => ({ http: connections.openConnections(), dbPoolTotal: database.pool.totalCount, dbPoolIdle: database.pool.idleCount }),
      }),
    ],
    apiRouters: [
      docsRoutes(config.version),
      authRoutes(auth),
      alertRoutes({ auth, alerts }),
      aiRoutes({ auth, ai: assistant.ai, resolveWallet: resolveWallet(portfolioDeps) }),
      chatRoutes({ auth, chat: assistant.chat }),
      accountRoutes({ auth, eraseAccountData: eraseData }),
      portfolioRoutes({
        portfolio,
        resolveWallet: resolveWallet(portfolioDeps),
        history: { snapshots, chainId: registry.chainId, now },
        registry,
        maxExtraTokens: config.chain.maxExtraTokens,
        refreshLimiter: makeRateLimiter({ name: 'refresh', points: config.rateLimit.refreshPerMinute, windowMs: 60_000, ...(redis === undefined ? {} : { redis }) }),
      }),
      priceRoutes({
        priceFeed,
        history: pricing.history,
        nativeCoingeckoId: registry.nativeCoingeckoId,
        knownToken: (address) => {
          const known = findRegistryToken(registry, address);
          return known === undefined ? undefined : registryTokenRef(known);
        },
      }),
    ],
  });
  server.on('request', app);
  // After the app: Socket.IO then takes /socket.io/ requests before Express sees them.
  const watchInterest = makeWatchInterest(redis, logger);
  const realtime = attachRealtime(realtimeHub, server, {
    config: config.realtime,
    verifyAccessToken: auth.verifyAccessToken,
    resolveWallet: resolveWallet(portfolioDeps),
    getPortfolio: (wallet) => portfolio.getPortfolio(wallet),
    eventLimiter: makeRateLimiter({ name: 'socket-events', points: config.realtime.eventRateMax, windowMs: config.realtime.eventRateWindowMs, ...(redis === undefined ? {} : { redis }) }),
    watchedWallets: watchInterest.wallets,
    priceInterest: watchInterest.prices,
    trackedPriceKeys: new Set(priceTokensOf(registry).map((token) => token.key)),
    logger,
    metrics,
    now,
  });
  realtime.onConnection(chatSocketHook({ chat: assistant.chat, logger }));
  server.requestTimeout = config.server.requestTimeoutMs + 5000;
  server.keepAliveTimeout = 65_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.server.port, config.server.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const watcher = startClusterWatcher({
    config,
    redis,
    chain,
    pool: database.pool,
    registry,
    refresh: portfolio.refresh,
    priceFeed,
    publishPrices: realtime.push.prices,
    interest: watchInterest,
    logger,
    onLoopRun: (loop) => metrics.loopRuns.inc({ loop }),
  });
  metrics.observeWatcherLeader(watcher.isLeader);
  lifecycle.markReady();
  logger.info(`listening on ${config.server.host}:${port}; ${describeStorage(database, config, redis)}`, { port, env: config.env });

  let stopping: Promise<void> | undefined;
  const shutdown = (reason: string): Promise<void> => {
    stopping ??= (async () => {
      logger.info('shutting down', { reason });
      lifecycle.beginShutdown();
      jobs?.stop();
      await watcher.stop();
      // Socket.IO first: clients are told, their connections close, and they reconnect to another worker.
      await realtime.close('The server is restarting: reconnecting');
      await sleep(config.server.shutdownReadinessDelayMs);
      // Keep-alive clients are told `Connection: close` and finish their requests; none is reset.
      await connections.drain({ timeoutMs: config.server.shutdownTimeoutMs, idleGraceMs: DRAIN_IDLE_GRACE_MS });
      // In cluster mode (PM2) the master may have just handed this worker a connection: stay alive a moment so the
      // worker can refuse it and the master gives it to another worker, instead of stranding it by exiting.
      if (cluster.isWorker) await sleep(CLUSTER_HANDOFF_GRACE_MS);
      // QUIT waits for Redis to answer; if it is down, give up after a moment instead of hanging the shutdown.
      if (redis !== undefined) await Promise.race([redis.quit().catch(() => undefined), sleep(500)]).finally(() => redis.disconnect());
      await database.close().catch((cause: unknown) => logger.warn('closing the database failed', { cause }));
      logger.info('shutdown complete');
    })();
    return stopping;
  };

  return { url: `http://127.0.0.1:${port}`, port, app, server, config, logger, metrics, lifecycle, database, cache, redis, realtime, shutdown };
};

const CLUSTER_HANDOFF_GRACE_MS = 300;
/** During the drain, a keep-alive connection unused this long is closed: a busy client has had its `Connection: close`. */
const DRAIN_IDLE_GRACE_MS = 1000;

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

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
