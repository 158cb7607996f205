import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import { decodeEnv, type DecodedEnv, type EnvProblem } from './decode-env';
import { envSpecs } from './env-specs';
import type { Address } from 'viem';
import type { ChainId } from '../domain/address/chain-id';
import { seiNetworks } from './sei-networks';

export type NodeEnv = 'development' | 'production' | 'test';

/** The one typed configuration of the process, decoded from the environment at boot. */
export interface AppConfig {
  readonly env: NodeEnv;
  readonly version: string;
  readonly server: {
    readonly port: number;
    readonly host: string;
    readonly frontendUrl: string | undefined;
    readonly apiBaseUrl: string | undefined;
    readonly allowedOrigins: ReadonlyArray<string>;
    readonly trustProxyHops: number;
    readonly maxRequestSizeBytes: number;
    readonly requestTimeoutMs: number;
    readonly shutdownTimeoutMs: number;
    readonly shutdownReadinessDelayMs: number;
    readonly metricsToken: string | undefined;
  };
  readonly secrets: { readonly jwtSecret: string; readonly encryptionKey: string; readonly sessionSecret: string };
  readonly auth: {
    readonly jwtTtlSeconds: number;
    readonly jwtIssuer: string;
    readonly jwtAudience: string;
    /** host[:port] a SIWE message must name. */
    readonly siweDomain: string;
    /** Origin (scheme://host[:port]) a SIWE message URI must have. */
    readonly siweUri: string;
    readonly nonceTtlSeconds: number;
    readonly siweMaxAgeSeconds: number;
    /** Seconds a "session still valid" answer may be served from the cache instead of Postgres. */
    readonly sessionCacheSeconds: number;
  };
  readonly alerts: { readonly maxPerWallet: number };
  readonly database: {
    readonly url: string | undefined;
    readonly dataDir: string;
    readonly poolMax: number;
    readonly statementTimeoutMs: number;
    readonly connectionTimeoutMs: number;
  };
  readonly redis: { readonly url: string | undefined; readonly password: string | undefined; readonly keyPrefix: string };
  readonly log: { readonly level: string; readonly dir: string | undefined; readonly maxSize: string; readonly maxDays: number };
  readonly rateLimit: {
    readonly windowMs: number;
    readonly max: number;
    readonly aiWindowMs: number;
    readonly aiMax: number;
    readonly refreshPerMinute: number;
  };
  readonly cacheTtlSeconds: { readonly portfolio: number; readonly positions: number; readonly prices: number; readonly metrics: number };
  readonly cacheMemoryMaxEntries: number;
  readonly clusterWorkers: string;
  readonly realtime: {
    readonly transports: 'auto' | 'websocket' | 'polling,websocket';
    readonly maxPayloadBytes: number;
    readonly maxSubscriptions: number;
    readonly eventRateMax: number;
    readonly eventRateWindowMs: number;
    readonly floodDisconnectAfter: number;
    readonly authRecheckMs: number;
  };
  readonly watcher: {
    readonly pollIntervalMs: number;
    readonly rereadIntervalMs: number;
    readonly leaderTtlMs: number;
    /** Watch wallets with alerts too, not only subscribed ones. */
    readonly watchAlertedWallets: boolean;
  };
  /** Following tracked transactions (POST /api/tx/track). */
  readonly txTracking: {
    readonly pollIntervalMs: number;
    readonly maxPollIntervalMs: number;
    readonly dropAfterSeconds: number;
    /** A wallet's pending tracked transactions at most (TX_TRACK_MAX_PENDING): each one costs the follower a lookup per round. */
    readonly maxPendingPerWallet: number;
  };
  readonly chain: {
    readonly network: 'mainnet' | 'testnet' | 'custom';
    readonly chainId: ChainId;
    readonly rpcUrls: ReadonlyArray<string>;
    readonly multicall3Address: Address;
    readonly rpcTimeoutMs: number;
    readonly rpcRetryCount: number;
    readonly configFile: string | undefined;
    readonly maxExtraTokens: number;
    /** Read wallets with the deployless PortfolioLens first (one request), rounds as the fallback. */
    readonly portfolioLens: boolean;
  };
  /** How portfolio and price reads of the chain give up: a deadline per read, and a circuit shared by the workers. */
  readonly rpcGuard: {
    /** Longest a whole chain read may take before the stored snapshot is served. */
    readonly readDeadlineMs: number;
    readonly circuitFailures: number;
    readonly circuitOpenSeconds: number;
  };
  readonly snapshots: { readonly minIntervalSeconds: number };
  /** Prepared transactions: how long an answer stays good (`expiresAt`). */
  readonly tx: { readonly prepareTtlSeconds: number };
  readonly coingecko: { readonly apiKey: string | undefined; readonly plan: 'demo' | 'pro'; readonly baseUrl: string; readonly timeoutMs: number };
  /** How long CoinGecko's circuit (shared by the workers) refuses calls once it opened. */
  readonly coingeckoGuard: { readonly circuitOpenSeconds: number };
  readonly openai: {
    readonly apiKey: string | undefined;
    readonly baseUrl: string | undefined;
    readonly model: string;
    readonly timeoutMs: number;
    readonly maxTokens: number;
    readonly dailyTokenBudget: number;
  };
  readonly dexMinLiquidityUsd: number;
  readonly runJobs: boolean;
}

export interface DecodedConfig {
  readonly config: AppConfig;
  /** Things the operator should know, e.g. a generated development secret. */
  readonly warnings: ReadonlyArray<string>;
}

const MIN_SECRET_LENGTH = 32;
const SECRET_VARIABLES = ['JWT_SECRET', 'ENCRYPTION_KEY'] as const;
export type SecretVariable = (typeof SECRET_VARIABLES)[number];

/**
 * Supplies a secret the environment left unset on the embedded default (no DATABASE_URL, not production), kept under
 * DATA_DIR so it survives a restart; the warning tells the operator where it is. Without one, a random value per run.
 */
export type KeptSecret = (name: SecretVariable, dataDir: string) => { readonly value: string; readonly warning: string };

export interface DecodeOptions {
  readonly keptSecret?: KeptSecret;
}

const coingeckoHost = (plan: 'demo' | 'pro'): string =>
  plan === 'pro' ? 'https://pro-api.coingecko.com/api/v3' : 'https://api.coingecko.com/api/v3';

const logDirOf = (e: DecodedEnv<typeof envSpecs>): string | undefined => {
  const file = e.LOG_FILE_PATH ?? e.ERROR_LOG_PATH;
  return e.LOG_DIR ?? (file === undefined ? undefined : path.dirname(file));
};

/** The site users sign in from: SIWE_DOMAIN, else the host of FRONTEND_URL, else of API_BASE_URL, else the usual local dev server. */
const siweDomainOf = (e: DecodedEnv<typeof envSpecs>): string => {
  const site = e.FRONTEND_URL ?? e.API_BASE_URL;
  return e.SIWE_DOMAIN?.trim() ?? (site === undefined ? 'localhost:3000' : new URL(site).host);
};

const siweUriOf = (e: DecodedEnv<typeof envSpecs>): string => {
  const site = e.SIWE_URI ?? e.FRONTEND_URL ?? e.API_BASE_URL;
  return site === undefined ? `http://${siweDomainOf(e)}` : new URL(site).origin;
};

const present = (env: NodeJS.ProcessEnv, name: string): string | undefined => {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
};

/** Production refuses to start without strong secrets; read from the raw env so they are reported with every other problem. */
const checkSecrets = (env: NodeJS.ProcessEnv): ReadonlyArray<EnvProblem> => {
  if (present(env, 'NODE_ENV') !== 'production') return [];
  const tooShort = (name: string) => (present(env, name)?.length ?? 0) < MIN_SECRET_LENGTH;
  return [
    ...SECRET_VARIABLES.filter(tooShort).map((variable) => ({
      variable,
      expected: `secret of at least ${MIN_SECRET_LENGTH} characters (required in production)`,
    })),
    ...(present(env, 'SESSION_SECRET') !== undefined && tooShort('SESSION_SECRET')
      ? [{ variable: 'SESSION_SECRET', expected: `secret of at least ${MIN_SECRET_LENGTH} characters` }]
      : []),
  ];
};

const randomForThisRun: KeptSecret = (name) => ({
  value: randomBytes(32).toString('hex'),
  warning: `${name} is not set: using a random value for this run only (tokens and encrypted data will not survive a restart)`,
});

const developmentSecret = (name: SecretVariable, value: string | undefined, source: KeptSecret, dataDir: string, warnings: string[]): string => {
  if (value !== undefined) return value;
  const generated = source(name, dataDir);
  warnings.push(generated.warning);
  return generated.value;
};

const toAppConfig = (e: DecodedEnv<typeof envSpecs>, chainId: ChainId, version: string, options: DecodeOptions): DecodedConfig => {
  const warnings: string[] = [];
  // Only the embedded default keeps its secrets in DATA_DIR: with DATABASE_URL, secrets belong in the environment.
  const secretSource = e.DATABASE_URL === undefined ? (options.keptSecret ?? randomForThisRun) : randomForThisRun;
  const network = e.SEI_NETWORK === 'custom' ? undefined : seiNetworks[e.SEI_NETWORK];
  const config: AppConfig = {
    env: e.NODE_ENV,
    version,
    server: {
      port: e.PORT,
      host: e.HOST,
      frontendUrl: e.FRONTEND_URL,
      apiBaseUrl: e.API_BASE_URL,
      allowedOrigins: e.ALLOWED_ORIGINS ?? (e.FRONTEND_URL === undefined ? [] : [new URL(e.FRONTEND_URL).origin]),
      trustProxyHops: e.TRUST_PROXY_HOPS,
      maxRequestSizeBytes: e.MAX_REQUEST_SIZE,
      requestTimeoutMs: e.REQUEST_TIMEOUT,
      shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
      shutdownReadinessDelayMs: e.SHUTDOWN_READINESS_DELAY_MS,
      metricsToken: e.METRICS_TOKEN,
    },
    secrets: {
      jwtSecret: developmentSecret('JWT_SECRET', e.JWT_SECRET, secretSource, e.DATA_DIR, warnings),
      encryptionKey: developmentSecret('ENCRYPTION_KEY', e.ENCRYPTION_KEY, secretSource, e.DATA_DIR, warnings),
      sessionSecret: e.SESSION_SECRET ?? randomBytes(32).toString('hex'),
    },
    auth: {
      jwtTtlSeconds: e.JWT_TTL_SECONDS,
      jwtIssuer: e.JWT_ISSUER,
      jwtAudience: e.JWT_AUDIENCE,
      siweDomain: siweDomainOf(e),
      siweUri: siweUriOf(e),
      nonceTtlSeconds: e.SIWE_NONCE_TTL_SECONDS,
      siweMaxAgeSeconds: e.SIWE_MAX_AGE_SECONDS,
      sessionCacheSeconds: e.AUTH_SESSION_CACHE_SECONDS,
    },
    alerts: { maxPerWallet: e.ALERTS_MAX_PER_WALLET },
    database: {
      url: e.DATABASE_URL,
      dataDir: e.DATA_DIR,
      poolMax: e.DATABASE_URL === undefined ? 1 : e.DB_POOL_MAX,
      statementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
      connectionTimeoutMs: e.DB_CONNECTION_TIMEOUT_MS,
    },
    redis: { url: e.REDIS_URL, password: e.REDIS_PASSWORD, keyPrefix: e.REDIS_KEY_PREFIX },
    log: { level: e.LOG_LEVEL, dir: logDirOf(e), maxSize: e.LOG_MAX_SIZE, maxDays: e.LOG_MAX_DAYS },
    rateLimit: {
      windowMs: e.RATE_LIMIT_WINDOW_MS,
      max: e.RATE_LIMIT_MAX_REQUESTS,
      aiWindowMs: e.AI_RATE_LIMIT_WINDOW_MS,
      aiMax: e.AI_RATE_LIMIT_MAX,
      refreshPerMinute: e.REFRESH_RATE_LIMIT_MAX,
    },
    cacheTtlSeconds: {
      portfolio: e.CACHE_TTL_PORTFOLIO,
      positions: e.CACHE_TTL_POSITIONS,
      prices: e.CACHE_TTL_PRICES,
      metrics: e.CACHE_TTL_METRICS,
    },
    cacheMemoryMaxEntries: e.CACHE_MEMORY_MAX_ENTRIES,
    clusterWorkers: e.CLUSTER_WORKERS,
    realtime: {
      transports: e.SOCKET_TRANSPORTS,
      maxPayloadBytes: e.SOCKET_MAX_PAYLOAD,
      maxSubscriptions: e.SOCKET_MAX_SUBSCRIPTIONS,
      eventRateMax: e.SOCKET_EVENT_RATE_MAX,
      eventRateWindowMs: e.SOCKET_EVENT_RATE_WINDOW_MS,
      floodDisconnectAfter: e.SOCKET_FLOOD_DISCONNECT,
      authRecheckMs: e.SOCKET_AUTH_RECHECK_MS,
    },
    watcher: {
      pollIntervalMs: e.WATCH_POLL_INTERVAL_MS,
      rereadIntervalMs: e.WATCH_REREAD_INTERVAL_MS,
      leaderTtlMs: e.WATCH_LEADER_TTL_MS,
      // Not in development and tests by default: a shared test database would make every test server read the chain.
      watchAlertedWallets: e.WATCH_ALERTED_WALLETS === 'auto' ? e.NODE_ENV === 'production' : e.WATCH_ALERTED_WALLETS === 'true',
    },
    txTracking: {
      pollIntervalMs: e.TX_POLL_INTERVAL_MS,
      maxPollIntervalMs: e.TX_POLL_MAX_INTERVAL_MS,
      dropAfterSeconds: e.TX_DROP_AFTER_SECONDS,
      maxPendingPerWallet: e.TX_TRACK_MAX_PENDING,
    },
    chain: {
      network: e.SEI_NETWORK,
      chainId,
      rpcUrls: e.SEI_RPC_URL ?? network?.rpcUrls ?? [],
      multicall3Address: e.SEI_MULTICALL3_ADDRESS,
      rpcTimeoutMs: e.RPC_TIMEOUT_MS,
      rpcRetryCount: e.RPC_RETRY_COUNT,
      configFile: e.CHAIN_CONFIG_FILE,
      maxExtraTokens: e.MAX_EXTRA_TOKENS,
      portfolioLens: e.SEI_PORTFOLIO_LENS,
    },
    rpcGuard: { readDeadlineMs: e.RPC_READ_DEADLINE_MS, circuitFailures: e.RPC_CIRCUIT_FAILURES, circuitOpenSeconds: e.RPC_CIRCUIT_OPEN_SECONDS },
    snapshots: { minIntervalSeconds: e.SNAPSHOT_MIN_INTERVAL_SECONDS },
    tx: { prepareTtlSeconds: e.TX_PREPARE_TTL_SECONDS },
    coingecko: {
      apiKey: e.COINGECKO_API_KEY,
      plan: e.COINGECKO_PLAN,
      baseUrl: e.COINGECKO_BASE_URL ?? coingeckoHost(e.COINGECKO_PLAN),
      timeoutMs: e.COINGECKO_TIMEOUT_MS,
    },
    coingeckoGuard: { circuitOpenSeconds: e.COINGECKO_CIRCUIT_OPEN_SECONDS },
    openai: {
      apiKey: e.OPENAI_API_KEY,
      baseUrl: e.OPENAI_BASE_URL,
      model: e.OPENAI_MODEL,
      timeoutMs: e.OPENAI_TIMEOUT_MS,
      maxTokens: e.OPENAI_MAX_TOKENS,
      dailyTokenBudget: e.AI_DAILY_TOKEN_BUDGET,
    },
    dexMinLiquidityUsd: e.DEX_MIN_LIQUIDITY_USD,
    runJobs: e.RUN_JOBS,
  };
  return { config, warnings };
};

const checkCustomNetwork = (env: NodeJS.ProcessEnv): ReadonlyArray<EnvProblem> =>
  present(env, 'SEI_NETWORK') !== 'custom'
    ? []
    : (['SEI_CHAIN_ID', 'SEI_RPC_URL'] as const)
        .filter((name) => present(env, name) === undefined)
        .map((variable) => ({ variable, expected: 'a value (required when SEI_NETWORK=custom)' }));

/** A chain read must give up while there is still time to answer the stored snapshot. */
const checkReadDeadline = (e: DecodedEnv<typeof envSpecs>): ReadonlyArray<EnvProblem> =>
  e.RPC_READ_DEADLINE_MS < e.REQUEST_TIMEOUT
    ? []
    : [{ variable: 'RPC_READ_DEADLINE_MS', expected: `fewer milliseconds than REQUEST_TIMEOUT (${e.REQUEST_TIMEOUT})` }];

/** Decodes the environment into an AppConfig, or every problem found at once. */
export const decodeConfig = (env: NodeJS.ProcessEnv, version = '0.0.0', options: DecodeOptions = {}): E.Either<ReadonlyArray<EnvProblem>, DecodedConfig> => {
  const ruleProblems = [...checkSecrets(env), ...checkCustomNetwork(env)];
  return pipe(
    decodeEnv(envSpecs, env),
    E.mapLeft((problems) => [...problems, ...ruleProblems]),
    E.flatMap((e) => {
      const problems = [...ruleProblems, ...checkReadDeadline(e)];
      // A custom network without SEI_CHAIN_ID is among the rule problems already.
      const chainId = e.SEI_CHAIN_ID ?? (e.SEI_NETWORK === 'custom' ? undefined : seiNetworks[e.SEI_NETWORK].chainId);
      return problems.length > 0 || chainId === undefined ? E.left(problems) : E.right(toAppConfig(e, chainId, version, options));
    }),
  );
};
