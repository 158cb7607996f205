import * as TE from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import type { AppError } from '../../domain/app-error';
import type { DataEraser } from './data-eraser';

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Deletes a wallet's rows from `table` (matched on `walletColumn`) if that table exists, and erases nothing while it
 * does not: so account erasure covers data a later migration adds (e.g. `chat_messages`) without a code change.
 * A table that exists without that column fails loudly rather than silently keeping the data.
 */
export const makeOptionalTableEraser = (pool: Pick<Pool, 'query'>, kind: string, table: string, walletColumn: string): DataEraser => {
  if (!IDENTIFIER.test(table) || !IDENTIFIER.test(walletColumn)) throw new Error(`not a plain SQL identifier: ${table}.${walletColumn}`);
  return (wallet) =>
    TE.tryCatch(
      async () => {
        const exists = await pool.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [`public.${table}`]);
        if (exists.rows[0]?.present !== true) return { [kind]: 0 };
        const res = await pool.query(`DELETE FROM ${table} WHERE ${walletColumn} = $1`, [wallet]);
        return { [kind]: res.rowCount ?? 0 };
      },
      (cause): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'database', cause }),
    );
};
