import * as TE from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import type { AppError } from '../../domain/app-error';
import type { SessionRecord, SessionRecords } from '../../services/auth/session-records';

const dbError = (cause: unknown): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'database', cause });

interface SessionRow {
  readonly jti: string;
  readonly wallet: string;
  readonly issued_at: Date;
  readonly expires_at: Date;
  readonly revoked_at: Date | null;
}

const toRecord = (r: SessionRow): SessionRecord => ({ jti: r.jti, wallet: r.wallet, issuedAt: r.issued_at, expiresAt: r.expires_at, revokedAt: r.revoked_at });

/** Session records in the `auth_sessions` table. */
export const makeSessionsRepository = (pool: Pick<Pool, 'query'>): SessionRecords => ({
  insert: (s) =>
    TE.tryCatch(async () => {
      await pool.query('INSERT INTO auth_sessions (jti, wallet, issued_at, expires_at) VALUES ($1, $2, $3, $4)', [s.jti, s.wallet, s.issuedAt, s.expiresAt]);
    }, dbError),

  find: (jti) =>
    TE.tryCatch(async () => {
      const { rows } = await pool.query<SessionRow>('SELECT jti, wallet, issued_at, expires_at, revoked_at FROM auth_sessions WHERE jti = $1', [jti]);
      const row = rows[0];
      return row === undefined ? null : toRecord(row);
    }, dbError),

  markRevoked: (jti, at) =>
    TE.tryCatch(async () => {
      await pool.query('UPDATE auth_sessions SET revoked_at = COALESCE(revoked_at, $2) WHERE jti = $1', [jti, at]);
    }, dbError),

  deleteExpired: (wallet, before) =>
    TE.tryCatch(async () => {
      const res = await pool.query('DELETE FROM auth_sessions WHERE wallet = $1 AND expires_at < $2', [wallet, before]);
      return res.rowCount ?? 0;
    }, dbError),
});
