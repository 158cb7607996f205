import * as t from 'io-ts';
import {
  BooleanFromEnv,
  ByteSizeFromEnv,
  HttpUrlFromEnv,
  IntFromEnv,
  NonNegativeNumberFromEnv,
  oneOf,
  PortFromEnv,
  PositiveIntFromEnv,
  urlFromEnv,
  urlListFromEnv,
} from './env-codecs';
import type { EnvSpec } from './decode-env';

const str: t.Type<string, string, unknown> = t.string;
function spec<A>(codec: t.Decoder<unknown, A>, description: string): EnvSpec<A>;
function spec<A>(codec: t.Decoder<unknown, A>, description: string, def: string): EnvSpec<A> & { readonly default: string };
function spec<A>(codec: t.Decoder<unknown, A>, description: string, def?: string): EnvSpec<A> {
  return def === undefined ? { codec, description } : { codec, description, default: def };
}

/**
 * Every environment variable the server reads, with its codec, default and meaning.
 * Secrets have no default: in production they are required, in development a random one is made per run.
 * `.env.example` is checked against this table by a test.
 */
export const envSpecs = {
  NODE_ENV: spec(oneOf(['development', 'production', 'test'] as const), 'Runtime mode', 'development'),
  PORT: spec(PortFromEnv, 'HTTP port', '8000'),
  HOST: spec(str, 'Interface to bind', '0.0.0.0'),
  FRONTEND_URL: spec(HttpUrlFromEnv, 'Public URL of the frontend (SIWE domain/uri default)'),
  API_BASE_URL: spec(HttpUrlFromEnv, 'Public URL of this API'),
  ALLOWED_ORIGINS: spec(urlListFromEnv(['http:', 'https:']), 'Comma-separated CORS allowlist (exact origins); defaults to FRONTEND_URL'),
  JWT_SECRET: spec(str, 'HS256 key for session tokens (production: required, 32+ chars)'),
  ENCRYPTION_KEY: spec(str, 'Key for data encrypted at rest (production: required, 32+ chars)'),
  SESSION_SECRET: spec(str, 'Secret for signed cookies/sessions (production: 32+ chars if set)'),
  JWT_TTL_SECONDS: spec(PositiveIntFromEnv, 'Lifetime of a session token (seconds)', '86400'),
  JWT_ISSUER: spec(str, 'iss claim of session tokens (checked on every request)', 'sei-portfolio-manager'),
  JWT_AUDIENCE: spec(str, 'aud claim of session tokens (checked on every request)', 'sei-portfolio-manager-api'),
  SIWE_DOMAIN: spec(str, 'host[:port] a SIWE message must name; default host of FRONTEND_URL, else of API_BASE_URL, else localhost:3000'),
  SIWE_URI: spec(HttpUrlFromEnv, 'Origin a SIWE message URI must have; default origin of FRONTEND_URL, else of API_BASE_URL, else http://SIWE_DOMAIN'),
  SIWE_NONCE_TTL_SECONDS: spec(PositiveIntFromEnv, 'Seconds a sign-in nonce stays usable', '300'),
  SIWE_MAX_AGE_SECONDS: spec(PositiveIntFromEnv, 'Oldest accepted SIWE Issued At (seconds before now)', '600'),
  ALERTS_MAX_PER_WALLET: spec(PositiveIntFromEnv, 'Most alerts one wallet may keep', '50'),
  REDIS_URL: spec(urlFromEnv(['redis:', 'rediss:']), 'Redis URL; unset = in-process cache and limits (single process only)'),
  REDIS_PASSWORD: spec(str, 'Redis password, if not in REDIS_URL'),
  REDIS_KEY_PREFIX: spec(str, 'Prefix of every Redis key', 'seipm:'),
  DATABASE_URL: spec(urlFromEnv(['postgres:', 'postgresql:']), 'Postgres URL; unset = embedded Postgres (PGlite) under DATA_DIR'),
  DATA_DIR: spec(str, 'Directory of the embedded Postgres data', './data'),
  DB_POOL_MAX: spec(PositiveIntFromEnv, 'Connections per process (keep workers x pool under max_connections)', '10'),
  DB_STATEMENT_TIMEOUT_MS: spec(PositiveIntFromEnv, 'Postgres statement_timeout', '10000'),
  DB_CONNECTION_TIMEOUT_MS: spec(PositiveIntFromEnv, 'Time to wait for a pool connection', '5000'),
  LOG_LEVEL: spec(oneOf(['error', 'warn', 'info', 'http', 'debug'] as const), 'Log level', 'info'),
  LOG_DIR: spec(str, 'Directory for daily-rotated app-%DATE%.log and error-%DATE%.log; unset = console only'),
  LOG_FILE_PATH: spec(str, 'Alternative to LOG_DIR: path of the app log (its directory is used)'),
  ERROR_LOG_PATH: spec(str, 'Alternative to LOG_DIR: path of the error log (its directory is used)'),
  LOG_MAX_SIZE: spec(str, 'Rotate a log file past this size', '20m'),
  LOG_MAX_DAYS: spec(PositiveIntFromEnv, 'Keep rotated logs this many days', '14'),
  RATE_LIMIT_WINDOW_MS: spec(PositiveIntFromEnv, 'Window of the general /api/ rate limit', '900000'),
  RATE_LIMIT_MAX_REQUESTS: spec(PositiveIntFromEnv, 'Requests per window per client on /api/', '300'),
  AI_RATE_LIMIT_MAX: spec(PositiveIntFromEnv, 'Requests per window per client on /api/ai/', '20'),
  AI_RATE_LIMIT_WINDOW_MS: spec(PositiveIntFromEnv, 'Window of the /api/ai/ rate limit', '60000'),
  REFRESH_RATE_LIMIT_MAX: spec(PositiveIntFromEnv, 'Portfolio refreshes per minute per client', '6'),
  TRUST_PROXY_HOPS: spec(IntFromEnv, 'Reverse proxies in front (nginx = 1); X-Forwarded-For beyond them is ignored', '1'),
  CACHE_TTL_PORTFOLIO: spec(PositiveIntFromEnv, 'Seconds a portfolio stays cached', '300'),
  CACHE_TTL_POSITIONS: spec(PositiveIntFromEnv, 'Seconds DeFi positions stay cached', '60'),
  CACHE_TTL_PRICES: spec(PositiveIntFromEnv, 'Seconds prices stay cached (and price push interval)', '30'),
  CACHE_TTL_METRICS: spec(PositiveIntFromEnv, 'Seconds derived metrics stay cached', '120'),
  CACHE_MEMORY_MAX_ENTRIES: spec(PositiveIntFromEnv, 'Entries of the in-process cache', '10000'),
  CLUSTER_WORKERS: spec(str, 'PM2 instances ("max" or a number)', 'max'),
  MAX_REQUEST_SIZE: spec(ByteSizeFromEnv, 'Largest JSON body accepted', '1mb'),
  REQUEST_TIMEOUT: spec(PositiveIntFromEnv, 'Milliseconds before a request is answered 503', '30000'),
  SHUTDOWN_TIMEOUT_MS: spec(PositiveIntFromEnv, 'Grace for in-flight requests on SIGTERM (below PM2 kill_timeout)', '4000'),
  SHUTDOWN_READINESS_DELAY_MS: spec(IntFromEnv, 'On SIGTERM, answer /health/ready 503 this long before refusing connections', '500'),
  METRICS_TOKEN: spec(str, 'Bearer token for /metrics and /debug/*; unset = loopback only'),
  SEI_NETWORK: spec(oneOf(['mainnet', 'testnet', 'custom'] as const), 'Sei network of the default registry', 'mainnet'),
  SEI_CHAIN_ID: spec(PositiveIntFromEnv, 'EVM chain id (default from SEI_NETWORK)'),
  SEI_RPC_URL: spec(urlListFromEnv(['http:', 'https:']), 'Comma-separated EVM RPC URLs (fallback order); default from SEI_NETWORK'),
  SEI_MULTICALL3_ADDRESS: spec(str, 'Multicall3 address', '0xcA11bde05977b3631167028862bE2a173976CA11'),
  RPC_TIMEOUT_MS: spec(PositiveIntFromEnv, 'Timeout of one RPC HTTP request', '10000'),
  RPC_RETRY_COUNT: spec(IntFromEnv, 'Retries of a failed RPC request (with backoff)', '2'),
  CHAIN_CONFIG_FILE: spec(str, 'JSON registry file that replaces or extends tokens and protocol addresses'),
  MAX_EXTRA_TOKENS: spec(PositiveIntFromEnv, 'Most ?tokens= a caller may add to one read', '20'),
  SNAPSHOT_MIN_INTERVAL_SECONDS: spec(PositiveIntFromEnv, 'At most one snapshot per wallet per this interval (refresh excepted)', '300'),
  COINGECKO_API_KEY: spec(str, 'CoinGecko API key'),
  COINGECKO_PLAN: spec(oneOf(['demo', 'pro'] as const), 'CoinGecko plan: chooses host and key header', 'demo'),
  COINGECKO_BASE_URL: spec(HttpUrlFromEnv, 'CoinGecko base URL (default by plan)'),
  COINGECKO_TIMEOUT_MS: spec(PositiveIntFromEnv, 'Timeout of one CoinGecko request', '8000'),
  OPENAI_API_KEY: spec(str, 'OpenAI key; unset = heuristic answers'),
  OPENAI_BASE_URL: spec(HttpUrlFromEnv, 'OpenAI-compatible endpoint'),
  OPENAI_MODEL: spec(str, 'Chat model', 'gpt-4o-mini'),
  OPENAI_TIMEOUT_MS: spec(PositiveIntFromEnv, 'Timeout of one model request', '30000'),
  OPENAI_MAX_TOKENS: spec(PositiveIntFromEnv, 'max_tokens on every model call', '800'),
  AI_DAILY_TOKEN_BUDGET: spec(PositiveIntFromEnv, 'Model tokens per wallet per UTC day', '50000'),
  DEX_MIN_LIQUIDITY_USD: spec(NonNegativeNumberFromEnv, 'Smallest pool (USD) trusted for a DEX price', '10000'),
  RUN_JOBS: spec(BooleanFromEnv, 'Run periodic jobs (snapshot retention) in this process', 'true'),
} as const;
