import type { Pool } from 'pg';
import { makeOptionalTableEraser } from '../services/account/optional-table-eraser';
import { eraseAccountData } from '../services/account/erase-account-data';
import { alertsDataEraser, type AlertsService } from '../services/alerts/alerts-service';
import type { AuthService } from '../services/auth/auth-service';
import { sessionsDataEraser } from '../services/auth/sessions-data-eraser';

export interface AccountWiring {
  readonly pool: Pool;
  readonly alerts: AlertsService;
  readonly auth: AuthService;
}

/** `DELETE /api/me/data`: chat history, alerts and their events, then the sign-in sessions. */
export const makeAccountErasure = (w: AccountWiring): ReturnType<typeof eraseAccountData> =>
  // Order matters: sessions last, since erasing them revokes the token a failed erasure would be retried with.
  eraseAccountData([makeOptionalTableEraser(w.pool, 'chatMessages', 'chat_messages', 'wallet'), alertsDataEraser(w.alerts), sessionsDataEraser(w.auth)]);
