import type { RequestHandler, Response } from 'express';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { AuthSession } from '../../services/auth/auth-service';
import { sendError } from '../envelope';
import { toHttpError } from '../to-http-error';

/** The one capability the middleware needs: the auth service's token check. */
export interface AccessTokenVerifier {
  readonly verifyAccessToken: (token: string) => TE.TaskEither<AppError, AuthSession>;
}

const BEARER = /^Bearer ([A-Za-z0-9._~+/=-]+)$/;

/** The token of an `Authorization: Bearer <token>` header, or undefined. */
export const bearerTokenOf = (header: string | undefined): string | undefined => BEARER.exec(header?.trim() ?? '')?.[1];

/**
 * Lets a request through only with a valid, unexpired, unrevoked session token, and puts the session in
 * `res.locals` (read it with `authedWallet(res)` / `authedSession(res)`). Otherwise 401 UNAUTHORIZED (no token),
 * TOKEN_INVALID, TOKEN_EXPIRED or TOKEN_REVOKED, with a WWW-Authenticate header; 503 when the session records cannot
 * be read and no cached answer exists.
 */
export const requireAuth = (auth: AccessTokenVerifier): RequestHandler => async (req, res, next) => {
  const token = bearerTokenOf(req.get('authorization'));
  if (token === undefined) {
    res.setHeader('WWW-Authenticate', 'Bearer');
    return sendError(res, toHttpError({ _tag: 'Unauthorized', code: 'UNAUTHORIZED', message: 'Sign in first: send Authorization: Bearer <token>' }));
  }
  const verified = await auth.verifyAccessToken(token)();
  if (E.isLeft(verified)) {
    if (verified.left._tag === 'Unauthorized') res.setHeader('WWW-Authenticate', 'Bearer error="invalid_token"');
    return sendError(res, toHttpError(verified.left));
  }
  res.locals['auth'] = verified.right;
  res.locals['wallet'] = verified.right.wallet;
  next();
};

const isAuthSession = (u: unknown): u is AuthSession =>
  typeof u === 'object' && u !== null && 'wallet' in u && 'jti' in u && 'expiresAt' in u && typeof u.wallet === 'string' && typeof u.jti === 'string' && u.expiresAt instanceof Date;

/** The session `requireAuth` admitted. Calling it on a route without `requireAuth` is a bug, so it throws. */
export const authedSession = (res: Response): AuthSession => {
  const session: unknown = res.locals['auth'];
  if (!isAuthSession(session)) throw new Error('authedSession: this route is not behind requireAuth');
  return session;
};

/** The signed-in wallet: the only owner a handler may use. Never take a wallet from the body, query or path instead. */
export const authedWallet = (res: Response): WalletAddress => authedSession(res).wallet;
