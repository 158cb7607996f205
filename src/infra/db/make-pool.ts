import { Pool } from 'pg';
import type { Logger } from '../../services/ports/logger';

export interface PoolOptions {
  readonly url: string;
  readonly max: number;
  readonly statementTimeoutMs: number;
  readonly connectionTimeoutMs: number;
}

/** A pg pool with bounded size, connection and statement timeouts; idle-client errors are logged, not fatal. */
export const makePool = (options: PoolOptions, logger: Logger): Pool => {
  const pool = new Pool({
    connectionString: options.url,
    max: options.max,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    idleTimeoutMillis: 30_000,
    application_name: 'sei-portfolio-backend',
  });
  pool.on('error', (cause) => logger.warn('idle postgres client error', { cause: cause.message }));
  return pool;
};
