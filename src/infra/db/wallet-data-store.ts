import * as TE from 'fp-ts/TaskEither';
import type { Pool } from 'pg';
import type { AppError } from '../../domain/app-error';
import type { WalletDataStore } from '../../services/account/ports';
import { withTransaction } from './with-transaction';

/**
 * Erases every table's rows of a wallet in one transaction (tracked transactions included, uncounted). Sessions go last: while the erasure runs, the token that
 * asked for it stays valid, and if anything fails the rollback leaves every row (chat, alerts, sessions) in place.
 */
export const makeWalletDataStore = (pool: Pool): WalletDataStore => ({
  eraseAllOf: (wallet) =>
    TE.tryCatch(
      () =>
        withTransaction(pool, async (client) => {
          const chat = await client.query('DELETE FROM chat_messages WHERE wallet = $1', [wallet]);
          const events = await client.query('DELETE FROM alert_events WHERE wallet = $1', [wallet]);
          const alerts = await client.query('DELETE FROM alerts WHERE wallet = $1', [wallet]);
          // Tracked transactions go too; API.md's `erased` has no count for them, so none is reported.
          await client.query('DELETE FROM tracked_transactions WHERE wallet = $1', [wallet]);
          const sessions = await client.query<{ jti: string; expires_at: Date }>('DELETE FROM auth_sessions WHERE wallet = $1 RETURNING jti, expires_at', [wallet]);
          return {
            counts: { chatMessages: chat.rowCount ?? 0, alertEvents: events.rowCount ?? 0, alerts: alerts.rowCount ?? 0, sessions: sessions.rowCount ?? 0 },
            sessions: sessions.rows.map((row) => ({ jti: row.jti, expiresAt: row.expires_at })),
          };
        }),
      (cause): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'database', cause }),
    ),
});
