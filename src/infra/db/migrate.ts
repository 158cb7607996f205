import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Pool } from 'pg';
import type { Logger } from '../logging/logger';
import { withTransaction } from './with-transaction';

/** Arbitrary constant: the advisory lock that serialises migrations across workers. */
const MIGRATION_LOCK_KEY = 727_274_001;
export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export interface MigrationResult {
  readonly applied: ReadonlyArray<string>;
}

/**
 * Applies the ordered `NNN-name.sql` files not yet recorded in `schema_migrations`, each in its own transaction that
 * first takes a Postgres advisory lock, so several workers starting at once apply each file exactly once.
 */
export const migrate = async (pool: Pool, logger: Logger, dir: string = MIGRATIONS_DIR): Promise<MigrationResult> => {
  const files = readdirSync(dir)
    .filter((f) => /^\d+[-_].+\.sql$/.test(f))
    .sort();
  const applied: string[] = [];
  for (;;) {
    const file = await withTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
      const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
      const next = files.find((f) => !done.has(f));
      if (next === undefined) return undefined;
      await client.query(readFileSync(path.join(dir, next), 'utf8')).catch((cause: unknown) => {
        throw new Error(`migration ${next} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
      });
      await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [next]);
      return next;
    });
    if (file === undefined) return { applied };
    applied.push(file);
    logger.info('migration applied', { migration: file });
  }
};
