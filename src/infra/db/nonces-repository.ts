import * as TE from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import type { AppError } from '../../domain/app-error';
import type { NonceStore } from '../../services/auth/nonce-store';

const dbError = (cause: unknown): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'database', cause });

/**
 * Sign-in nonces in the `auth_nonces` table, shared by every worker. Issuing also purges the expired ones (one
 * statement); consuming deletes the row only while it is unexpired, and Postgres's row lock lets exactly one of any
 * number of concurrent deletes return it.
 */
export const makePostgresNonceStore = (pool: Pick<Pool, 'query'>, now: () => Date): NonceStore => ({
  put: (nonce, ttlSeconds) =>
    TE.tryCatch(async () => {
      const at = now();
      await pool.query('WITH expired AS (DELETE FROM auth_nonces WHERE expires_at <= $3) INSERT INTO auth_nonces (nonce, expires_at) VALUES ($1, $2)', [
        nonce,
        new Date(at.getTime() + ttlSeconds * 1000),
        at,
      ]);
    }, dbError),
  consume: (nonce) =>
    TE.tryCatch(async () => {
      const res = await pool.query('DELETE FROM auth_nonces WHERE nonce = $1 AND expires_at > $2', [nonce, now()]);
      return res.rowCount === 1;
    }, dbError),
});
