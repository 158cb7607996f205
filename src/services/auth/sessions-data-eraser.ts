import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { DataEraser } from '../account/data-eraser';
import type { AuthService } from './auth-service';

/** Account erasure of sign-in sessions: revokes every token of the wallet (the caller's too) and deletes the records. */
export const sessionsDataEraser =
  (auth: AuthService): DataEraser =>
  (wallet) =>
    pipe(
      auth.eraseSessions(wallet),
      TE.map((sessions) => ({ sessions })),
    );
