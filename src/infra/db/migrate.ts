import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Pool } from 'pg';
import type { Logger } from '../../services/ports/logger';

/** Arbitrary constant: the advisory lock that serialises migrations across workers. */
const MIGRATION_LOCK_KEY = 727_274_001;
export const MIGRATIONS_DIR = path.join(__dirname, 'migrations');

export interface MigrationResult {
  readonly applied: ReadonlyArray<string>;
}

/**
 * Applies the ordered `NNN-name.sql` files not yet recorded in `schema_migrations`, each in a transaction,
 * under a Postgres advisory lock so several workers starting at once do not race.
 */
export const migrate = async (pool: Pool, logger: Logger, dir: string = MIGRATIONS_DIR): Promise<MigrationResult> => {
  const files = readdirSync(dir)
    .filter((f) => /^\d+[-_].+\.sql$/.test(f))
    .sort();
  const client = await pool.connect();
  const applied: string[] = [];
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const done = new Set((await client.query<{ name: string }>('SELECT name FROM schema_migrations')).rows.map((r) => r.name));
    for (const file of files.filter((f) => !done.has(f))) {
      const sql = readFileSync(path.join(dir, file), 'utf8');
      await client.query('BEGIN');
      try {
        await client.query(sql);
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [file]);
        await client.query('COMMIT');
      } catch (cause) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file} failed: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
      }
      applied.push(file);
      logger.info('migration applied', { migration: file });
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    client.release();
  }
  return { applied };
};
