import type { Pool } from 'pg';
import { makeWalletDataStore } from '../infra/db/wallet-data-store';
import { eraseAccountData } from '../services/account/erase-account-data';
import type { AuthService } from '../services/auth/auth-service';

export interface AccountWiring {
  readonly pool: Pool;
  readonly auth: AuthService;
}

/** `DELETE /api/me/data`: chat history, alerts, alert events and sessions in one transaction, then the sessions ended. */
export const makeAccountErasure = (w: AccountWiring): ReturnType<typeof eraseAccountData> =>
  eraseAccountData({ store: makeWalletDataStore(w.pool), endSessions: w.auth.endSessions });
