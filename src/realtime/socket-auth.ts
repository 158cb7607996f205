import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../domain/app-error';
import type { AuthSession } from '../services/auth/auth-service';
import { ackErrorOf, type AckError } from './ack';
import { accountRoom } from './rooms';
import type { RealtimeSocket } from './socket-events';

/** Per-socket state the auth layer keeps besides the session: the raw token, to re-check it for revocation. */
const tokens = new WeakMap<RealtimeSocket, string>();

/** The token a signed-in socket connected with (kept in memory only, never logged). */
export const tokenOf = (socket: RealtimeSocket): string | undefined => tokens.get(socket);

/** A connect refusal: the client's `connect_error` gets `message` and `data.code`. */
const refusal = (error: AckError): Error & { data: { code: string } } => Object.assign(new Error(error.message), { data: { code: error.code } });

/**
 * Handshake middleware: `auth.token` is optional (portfolio and price events are public); a token that is present must
 * verify (signature, expiry, revocation), otherwise the connection is refused with TOKEN_INVALID / TOKEN_EXPIRED /
 * TOKEN_REVOKED (or SERVICE_UNAVAILABLE when revocation cannot be checked).
 */
export const authenticateHandshake =
  (verifyAccessToken: (token: string) => TE.TaskEither<AppError, AuthSession>) =>
  (socket: RealtimeSocket, next: (err?: Error) => void): void => {
    socket.data.session = null;
    socket.data.wallets = new Set();
    socket.data.priceRooms = new Set();
    const auth: unknown = socket.handshake.auth;
    const token = typeof auth === 'object' && auth !== null && 'token' in auth ? auth.token : undefined;
    if (token === undefined || token === null || token === '') {
      next();
      return;
    }
    if (typeof token !== 'string') {
      next(refusal({ code: 'TOKEN_INVALID', message: 'The session token is not valid: sign in again' }));
      return;
    }
    verifyAccessToken(token)().then(
      (result) => {
        if (E.isLeft(result)) {
          next(refusal(ackErrorOf(result.left)));
          return;
        }
        socket.data.session = result.right;
        tokens.set(socket, token);
        next();
      },
      () => next(refusal({ code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' })),
    );
  };

/** Ends a signed-in socket's session: says why in a `system_message`, then disconnects it (the client does not auto-reconnect). */
export const endSession = (socket: RealtimeSocket, message: string, now: () => Date): void => {
  socket.emit('system_message', { type: 'warning', message, timestamp: now().toISOString() });
  socket.disconnect(true);
};

/** setTimeout's longest delay (about 24.8 days). */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** On connection: a signed-in socket joins its account room and is disconnected when its token expires. */
export const startSessionOf = (socket: RealtimeSocket, now: () => Date): void => {
  const session = socket.data.session;
  if (session === null) return;
  void socket.join(accountRoom(session.wallet));
  const timer = setTimeout(() => endSession(socket, 'Your session has expired: sign in again', now), Math.min(MAX_TIMER_MS, Math.max(0, session.expiresAt.getTime() - now().getTime())));
  timer.unref();
  socket.once('disconnect', () => clearTimeout(timer));
};
