import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { Redis } from 'ioredis';
import { Client } from 'pg';
import { startChainHarness, type ChainHarness } from '../support/app/chain-harness';
import { setupDefiFixture } from '../support/app/defi-fixture';
import { REAL_REDIS_URL } from '../support/app/start-test-server';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const DIST_MAIN = path.join(REPO_ROOT, 'dist', 'main.js');
/** Where a bench run writes its tables, JSON and process logs (git-ignored). */
export const RESULTS_DIR = path.join(REPO_ROOT, 'bench-results');

/** The server that owns the bench's throwaway database (created and dropped by the run). */
const POSTGRES_ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface BenchWorld {
  readonly harness: ChainHarness;
  /** The full DeFi wallet: 5 Yei reserves, 10 DragonSwap V2 NFTs, 1 V1 LP. */
  readonly wallet: string;
  readonly registryFile: string;
  readonly logDir: string;
  /** Production settings of an app process on this world; `cachePrefix` keeps its Redis keys apart. */
  readonly appEnv: (cachePrefix: string) => Record<string, string>;
  readonly stop: () => Promise<void>;
}

const withAdmin = async (sql: string): Promise<void> => {
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
};

const deleteKeys = async (pattern: string): Promise<void> => {
  const redis = new Redis(REAL_REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
};

/**
 * A devnet behind the counting proxy with the DeFi fixture deployed, the fake CoinGecko, a throwaway Postgres database
 * and a Redis key prefix of its own; `stop` removes all of them.
 */
export const startBenchWorld = async (runId: string): Promise<BenchWorld> => {
  const logDir = path.join(RESULTS_DIR, `logs-${runId}`);
  mkdirSync(logDir, { recursive: true });
  const harness = await startChainHarness();
  const fixture = await setupDefiFixture(harness);
  const registry = fixture.registry();
  const database = `seipm_bench_${randomBytes(4).toString('hex')}`;
  await withAdmin(`CREATE DATABASE "${database}"`);
  const redisPrefix = `bench:${runId}:`;
  const databaseUrl = `${POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, '')}/${database}`;
  const secret = () => randomBytes(32).toString('hex');
  const jwtSecret = secret();
  const encryptionKey = secret();
  const appEnv = (cachePrefix: string): Record<string, string> => ({
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    REDIS_URL: REAL_REDIS_URL,
    REDIS_KEY_PREFIX: `${redisPrefix}${cachePrefix}:`,
    SEI_RPC_URL: harness.proxy.url,
    CHAIN_CONFIG_FILE: registry.file,
    COINGECKO_BASE_URL: harness.gecko.url,
    COINGECKO_API_KEY: 'demo-key',
    JWT_SECRET: jwtSecret,
    ENCRYPTION_KEY: encryptionKey,
    // The limiters still count every request (their cost is measured); they just never refuse the load generator.
    RATE_LIMIT_MAX_REQUESTS: '1000000000',
    REFRESH_RATE_LIMIT_MAX: '1000000',
  });
  return {
    harness,
    wallet: fixture.big.address,
    registryFile: registry.file,
    logDir,
    appEnv,
    stop: async () => {
      await harness.stop();
      registry.remove();
      await withAdmin(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await deleteKeys(`${redisPrefix}*`);
    },
  };
};
