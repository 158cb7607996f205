import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../domain/app-error';
import type { Logger } from '../services/ports/logger';
import type { AuthSession } from '../services/auth/auth-service';
import { endSession, tokenOf } from './socket-auth';
import type { RealtimeIo, RealtimeSocket } from './socket-events';

export interface SessionRecheckDeps {
  readonly io: RealtimeIo;
  readonly verifyAccessToken: (token: string) => TE.TaskEither<AppError, AuthSession>;
  readonly intervalMs: number;
  readonly logger: Logger;
  readonly now: () => Date;
  /** Called after every sweep, done or failed (a counter to watch the loop by). */
  readonly onSwept?: () => void;
}

/**
 * Every interval, re-verifies the token of each signed-in socket of this process (once per distinct token) and
 * disconnects those whose token was revoked (logout, data erasure) or expired. A check that cannot be made
 * (session records unreachable, nothing cached) leaves the socket connected.
 */
export const startSessionRecheck = (deps: SessionRecheckDeps): { readonly stop: () => void } => {
  let isRunning = false;
  const sweep = async (): Promise<void> => {
    const byToken = new Map<string, RealtimeSocket[]>();
    for (const socket of deps.io.of('/').sockets.values()) {
      const token = tokenOf(socket);
      if (token !== undefined) byToken.set(token, [...(byToken.get(token) ?? []), socket]);
    }
    for (const [token, sockets] of byToken) {
      const result = await deps.verifyAccessToken(token)();
      if (E.isLeft(result) && result.left._tag === 'Unauthorized') {
        const message = result.left.code === 'TOKEN_EXPIRED' ? 'Your session has expired: sign in again' : 'Your session has ended: sign in again';
        sockets.forEach((socket) => endSession(socket, message, deps.now));
      }
    }
  };
  const timer = setInterval(() => {
    if (isRunning) return;
    isRunning = true;
    sweep()
      .catch((cause: unknown) => deps.logger.warn('session recheck failed', { cause }))
      .finally(() => {
        isRunning = false;
        deps.onSwept?.();
      });
  }, deps.intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};
