import { randomBytes } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { decodeConfig, type AppConfig } from '../../../src/config/app-config';
import { formatEnvProblems } from '../../../src/config/decode-env';
import { makeSilentLogger } from '../../../src/infra/logging/logger';
import { startServer, type RunningServer, type StartOptions } from '../../../src/main';

export const REAL_DATABASE_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REAL_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/** An RPC URL where nothing listens (port 9 is discard): the chain is unreachable, fast and deterministically. */
export const DEAD_RPC_URL = 'http://127.0.0.1:9';

/** A unique Redis key prefix, so tests never see each other's counters or cache entries. */
export const uniquePrefix = (): string => `test:${randomBytes(6).toString('hex')}:`;

/** Decodes a test configuration the same way the server does: real Postgres, loopback, random port, quiet logs. */
export const testConfig = (env: Record<string, string | undefined> = {}): AppConfig => {
  const decoded = decodeConfig({
    NODE_ENV: 'test',
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'error',
    DATABASE_URL: REAL_DATABASE_URL,
    REDIS_KEY_PREFIX: uniquePrefix(),
    RUN_JOBS: 'false',
    SEI_RPC_URL: DEAD_RPC_URL,
    RPC_RETRY_COUNT: '0',
    ...env,
  });
  if (E.isLeft(decoded)) throw new Error(`bad test configuration:\n${formatEnvProblems(decoded.left)}`);
  return decoded.right.config;
};

/** Starts the whole application in-process, exactly as main.ts composes it. */
export const startTestServer = (env: Record<string, string | undefined> = {}, options: StartOptions = {}): Promise<RunningServer> =>
  startServer(testConfig(env), { logger: makeSilentLogger(), ...options });
