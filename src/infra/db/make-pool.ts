import { Pool } from 'pg';
import type { Logger } from '../logging/logger';

export interface PoolOptions {
  readonly url: string;
  readonly max: number;
  readonly statementTimeoutMs: number;
  readonly connectionTimeoutMs: number;
}

/** How long past statement_timeout the client waits for an answer before it gives up on a silent connection. */
const SILENT_LINK_MARGIN_MS = 2000;

/**
 * A pg pool with bounded size, connection and statement timeouts; idle-client errors are logged, not fatal.
 * statement_timeout is enforced by the server; query_timeout bounds the wait on the client too, for a link that went
 * silent (the server's answer, or its cancellation, never arrives): the query fails and the client is discarded.
 */
export const makePool = (options: PoolOptions, logger: Logger): Pool => {
  const pool = new Pool({
    connectionString: options.url,
    max: options.max,
    connectionTimeoutMillis: options.connectionTimeoutMs,
    statement_timeout: options.statementTimeoutMs,
    query_timeout: options.statementTimeoutMs + SILENT_LINK_MARGIN_MS,
    idleTimeoutMillis: 30_000,
    application_name: 'sei-portfolio-backend',
  });
  pool.on('error', (cause) => logger.warn('idle postgres client error', { cause: cause.message }));
  return pool;
};
