import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { Pool } from 'pg';
import type { LocalAccount } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { signIn } from '../../auth/sign-in';
import { startChildServer, type ChildServer } from '../../support/app/child-server';
import { holdLock, type HeldLock } from '../../support/db/hold-lock';
import { startSpareRedis, type SpareRedis } from '../../support/app/spare-redis';
import { DEAD_RPC_URL, REAL_DATABASE_URL, uniquePrefix } from '../../support/app/start-test-server';
import { startFakeCoinGecko, startFakeOpenAI, type FakeCoinGecko, type FakeOpenAI } from '../../support/fakes';
import { startProxyFor } from '../../support/net/start-proxy-for';
import type { TcpFaultProxy } from '../../support/net/tcp-fault-proxy';
import { waitFor, waitUntil } from '../../support/wait-until';
import { askApp, dataOf, type Answer, type Ask } from './answers';

/** The application_name the app's pool gives its connections (src/infra/db/make-pool.ts). */
const APP_CONNECTIONS = "application_name = 'sei-portfolio-backend' AND datname = current_database()";

/** For the beforeAll that starts the app: a build of a stale dist/ on a loaded machine takes minutes. */
export const BUILD_AND_START_TIMEOUT_MS = 600_000;

export type CheckName = 'database' | 'cache' | 'rpc' | 'openai';
export type Checks = Readonly<Record<CheckName, string>>;

/** Rows a wallet has in the tables the app writes to on its behalf. */
export interface WalletRows {
  readonly alerts: number;
  readonly sessions: number;
}

export interface FaultApp {
  /** `node dist/main.js` in production mode. */
  readonly server: ChildServer;
  /** The app's only way to Postgres. */
  readonly postgres: TcpFaultProxy;
  /** The app's own redis-server, to kill and start again. */
  readonly redis: SpareRedis;
  readonly gecko: FakeCoinGecko;
  readonly openai: FakeOpenAI;
  /** Straight to Postgres, not through the proxy: for counting rows and holding locks. */
  readonly db: Pool;
  /** Sends a request and keeps its answer for `takeAnswers`. */
  readonly ask: (ask: Ask) => Promise<Answer>;
  /** The answers collected since the last call. */
  readonly takeAnswers: () => ReadonlyArray<Answer>;
  /** Every request sent since start. */
  readonly requestsSent: () => number;
  /** `/health`'s checks (from the success or the 503 envelope). */
  readonly checks: () => Promise<Checks>;
  /** Polls `/health` until `check` reads `status`. */
  readonly waitForCheck: (check: CheckName, status: string, timeoutMs?: number) => Promise<void>;
  readonly signIn: (account?: LocalAccount) => Promise<{ readonly account: LocalAccount; readonly token: string }>;
  readonly rowsOf: (wallet: string) => Promise<WalletRows>;
  /** Takes a lock (`sql`) in a transaction of a second client, straight to Postgres, until `release`: the app waits on it inside its own transaction. */
  readonly holdLock: (sql: string, params: ReadonlyArray<unknown>) => Promise<HeldLock>;
  /** The app's connections to Postgres that match `condition` (SQL over pg_stat_activity). */
  readonly appConnectionsWhere: (condition: string) => Promise<number>;
  readonly isRunning: () => boolean;
  readonly stop: () => Promise<void>;
}

export interface FaultAppOptions {
  readonly rpcUrl?: string;
  /** Overrides or additions to the production-ish environment. */
  readonly env?: Readonly<Record<string, string>>;
}

const REPO_ROOT = path.resolve(__dirname, '../../..');

/** One build at a time across jest workers: a directory made atomically, naming the process that holds it. */
const BUILD_LOCK = path.join(tmpdir(), `seipm-build-${createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 12)}.lock`);

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid in the build lock, 0 while it is being written or after the lock went. */
const lockHolder = (): number => {
  try {
    return Number(readFileSync(path.join(BUILD_LOCK, 'pid'), 'utf8'));
  } catch {
    return 0;
  }
};

/** Takes the build lock, or frees it when the process that held it is gone; true when taken. */
const takeBuildLock = (): boolean => {
  try {
    mkdirSync(BUILD_LOCK);
    writeFileSync(path.join(BUILD_LOCK, 'pid'), String(process.pid));
    return true;
  } catch {
    const holder = lockHolder();
    if (holder > 0 && !isAlive(holder)) rmSync(BUILD_LOCK, { recursive: true, force: true });
    return false;
  }
};

/**
 * `node scripts/build.js --if-stale`: dist/ is what runs, so it must be built from these sources (a no-op when it is;
 * `npm test` has built it already). Fault files starting at once in several jest workers build one after another.
 */
const buildIfStale = async (): Promise<void> => {
  await waitFor('the build lock (another jest worker is building dist/)', takeBuildLock, BUILD_AND_START_TIMEOUT_MS);
  try {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build.js'), '--if-stale'], { stdio: 'ignore' });
  } finally {
    rmSync(BUILD_LOCK, { recursive: true, force: true });
  }
};

const checksOf = (answer: Answer): Checks | undefined => {
  const body = answer.json;
  const data = dataOf(answer) ?? (typeof body === 'object' && body !== null && 'data' in body ? (body.data as Record<string, unknown>) : undefined);
  const checks = data?.['checks'];
  return typeof checks === 'object' && checks !== null ? (checks as Checks) : undefined;
};

/**
 * The app as a real process in production mode, against real Postgres (through a fault proxy) and its own Redis,
 * with a fake CoinGecko and a fake OpenAI, so a test can fail each dependency while the process runs.
 */
export const startFaultApp = async (options: FaultAppOptions = {}): Promise<FaultApp> => {
  await buildIfStale();
  const logDir = mkdtempSync(path.join(tmpdir(), 'seipm-faults-'));
  const redis = await startSpareRedis();
  const { proxy: postgres, url: databaseUrl } = await startProxyFor(REAL_DATABASE_URL);
  const gecko = await startFakeCoinGecko();
  gecko.setPrice({ id: 'sei-network', usd: 0.5 });
  const openai = await startFakeOpenAI();
  const db = new Pool({ connectionString: REAL_DATABASE_URL, max: 3 });
  const stopDependencies = async (): Promise<void> => {
    await db.end();
    await postgres.close();
    await redis.stop();
    await gecko.stop();
    await openai.stop();
    rmSync(logDir, { recursive: true, force: true });
  };
  const server = await startChildServer({
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    // info: the child-server helper waits for the "listening on" line.
    LOG_LEVEL: 'info',
    LOG_DIR: logDir,
    JWT_SECRET: 'fault-suite-jwt-secret-0123456789abcdef',
    ENCRYPTION_KEY: 'fault-suite-encryption-key-0123456789abc',
    DATABASE_URL: databaseUrl,
    DB_STATEMENT_TIMEOUT_MS: '1500',
    DB_CONNECTION_TIMEOUT_MS: '2000',
    REDIS_URL: redis.url,
    REDIS_KEY_PREFIX: uniquePrefix(),
    SEI_RPC_URL: options.rpcUrl ?? DEAD_RPC_URL,
    RPC_RETRY_COUNT: '0',
    COINGECKO_BASE_URL: gecko.url,
    COINGECKO_API_KEY: 'fault-suite-demo-key',
    COINGECKO_TIMEOUT_MS: '1000',
    OPENAI_BASE_URL: openai.url,
    OPENAI_API_KEY: 'sk-fault-suite',
    OPENAI_TIMEOUT_MS: '1000',
    RATE_LIMIT_MAX_REQUESTS: '100000',
    AI_RATE_LIMIT_MAX: '100000',
    REFRESH_RATE_LIMIT_MAX: '100000',
    RUN_JOBS: 'false',
    ...options.env,
  }).catch(async (error: unknown) => {
    await stopDependencies();
    throw error;
  });
  const port = Number(new URL(server.url).port);
  let answers: Answer[] = [];
  let sent = 0;

  const ask = async (a: Ask): Promise<Answer> => {
    sent += 1;
    const answer = await askApp(port, a);
    answers.push(answer);
    return answer;
  };
  const checks = async (): Promise<Checks> => {
    const answer = await askApp(port, { path: '/health' });
    const found = checksOf(answer);
    if (found === undefined) throw new Error(`/health answered ${answer.status} without checks: ${JSON.stringify(answer.json)}`);
    return found;
  };
  const count = async (sql: string, params: ReadonlyArray<unknown>): Promise<number> => (await db.query<{ n: number }>(sql, [...params])).rows[0]?.n ?? -1;

  return {
    server,
    postgres,
    redis,
    gecko,
    openai,
    db,
    ask,
    takeAnswers: () => {
      const taken = answers;
      answers = [];
      return taken;
    },
    requestsSent: () => sent,
    checks,
    waitForCheck: async (check, status, timeoutMs = 20_000) => {
      let last: Checks | undefined;
      await waitUntil(
        async () => {
          last = await checks();
          return last[check] === status ? true : undefined;
        },
        timeoutMs,
        () => `/health to report ${check} ${status}; last saw ${JSON.stringify(last)}`,
      );
    },
    signIn: async (account = privateKeyToAccount(generatePrivateKey())) => ({ account, token: await signIn(server.url, account) }),
    rowsOf: async (wallet) => ({
      alerts: await count('SELECT count(*)::int AS n FROM alerts WHERE wallet = $1', [wallet]),
      sessions: await count('SELECT count(*)::int AS n FROM auth_sessions WHERE wallet = $1', [wallet]),
    }),
    holdLock: (sql, params) => holdLock(db, sql, params),
    appConnectionsWhere: (condition) => count(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${APP_CONNECTIONS} AND ${condition}`, []),
    isRunning: () => server.child.exitCode === null && server.child.signalCode === null,
    stop: async () => {
      if (server.child.exitCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      await stopDependencies();
    },
  };
};
