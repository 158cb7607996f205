import { randomBytes } from 'node:crypto';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { errors, jwtVerify, SignJWT } from 'jose';
import type { AppError } from '../../domain/app-error';
import { WalletAddressCodec, type WalletAddress } from '../../domain/address/wallet-address';
import { authError } from './auth-errors';

export interface AccessTokenOptions {
  /** HS256 key (JWT_SECRET). */
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly ttlSeconds: number;
  readonly now: () => Date;
}

/** A token just signed, with the claims the session record needs. */
export interface IssuedToken {
  readonly token: string;
  readonly jti: string;
  readonly wallet: WalletAddress;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
}

/** What a valid token says (revocation is checked by the caller). */
export interface TokenClaims {
  readonly wallet: WalletAddress;
  readonly jti: string;
  readonly expiresAt: Date;
}

export interface AccessTokens {
  readonly issue: (wallet: WalletAddress) => TE.TaskEither<AppError, IssuedToken>;
  /** TOKEN_EXPIRED past `exp`, TOKEN_INVALID for anything else wrong (signature, algorithm, iss, aud, claims). */
  readonly verify: (token: string) => TE.TaskEither<AppError, TokenClaims>;
}

/** Longest token accepted; ours are about 400 characters. */
export const MAX_TOKEN_LENGTH = 4096;
const JTI = /^[A-Za-z0-9_-]{16,64}$/;
/** Seconds of clock difference tolerated on `exp` and `iat` between workers. */
const CLOCK_TOLERANCE_SECONDS = 5;

const invalid = (): AppError => authError('TOKEN_INVALID', 'The session token is not valid: sign in again');

/**
 * HS256 session tokens (jose): `iss`, `aud`, `sub` (checksummed wallet), `iat`, `exp`, `jti`. Verification pins the
 * algorithm to HS256, so `alg: none` and asymmetric algorithms are refused whatever the header says.
 */
export const makeAccessTokens = (options: AccessTokenOptions): AccessTokens => {
  const key = new TextEncoder().encode(options.secret);
  return {
    issue: (wallet) =>
      TE.tryCatch(
        async () => {
          const issuedAt = new Date(Math.floor(options.now().getTime() / 1000) * 1000);
          const expiresAt = new Date(issuedAt.getTime() + options.ttlSeconds * 1000);
          const jti = randomBytes(18).toString('base64url');
          const token = await new SignJWT({})
            .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
            .setIssuer(options.issuer)
            .setAudience(options.audience)
            .setSubject(wallet)
            .setIssuedAt(issuedAt)
            .setExpirationTime(expiresAt)
            .setJti(jti)
            .sign(key);
          return { token, jti, wallet, issuedAt, expiresAt };
        },
        (cause): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'token signer', cause }),
      ),

    verify: (token) =>
      pipe(
        TE.tryCatch(
          () =>
            jwtVerify(token, key, {
              algorithms: ['HS256'],
              issuer: options.issuer,
              audience: options.audience,
              requiredClaims: ['sub', 'jti', 'iat', 'exp'],
              currentDate: options.now(),
              clockTolerance: CLOCK_TOLERANCE_SECONDS,
            }),
          (cause) => (cause instanceof errors.JWTExpired ? authError('TOKEN_EXPIRED', 'The session token has expired: sign in again') : invalid()),
        ),
        TE.flatMap(({ payload }) => {
          const wallet = WalletAddressCodec.is(payload.sub) ? payload.sub : undefined;
          const jti = typeof payload.jti === 'string' && JTI.test(payload.jti) ? payload.jti : undefined;
          const exp = payload.exp;
          return wallet === undefined || jti === undefined || exp === undefined ? TE.left(invalid()) : TE.right({ wallet, jti, expiresAt: new Date(exp * 1000) });
        }),
      ),
  };
};
