import type { Pool } from 'pg';

/** A lock held from outside the app, in a transaction that `release` rolls back. */
export interface HeldLock {
  readonly release: () => Promise<void>;
}

/** Runs `sql` (e.g. an advisory lock or SELECT … FOR UPDATE) in an open transaction on a client of `pool`, and keeps it open. */
export const holdLock = async (pool: Pool, sql: string, params: ReadonlyArray<unknown>): Promise<HeldLock> => {
  const client = await pool.connect();
  await client.query('BEGIN');
  await client.query(sql, [...params]);
  return {
    release: async () => {
      await client.query('ROLLBACK');
      client.release();
    },
  };
};
