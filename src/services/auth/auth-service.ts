import { randomBytes } from 'node:crypto';
import * as T from 'fp-ts/Task';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Hex } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { Logger } from '../../infra/logging/logger';
import { MAX_TOKEN_LENGTH, type AccessTokens, type TokenClaims } from './access-tokens';
import { authError } from './auth-errors';
import { checkSiweMessage, type SiweExpectations } from './check-siwe-message';
import type { NonceStore } from './nonce-store';
import type { SessionRecords } from './session-records';
import type { SessionStatusCache } from './session-status-cache';
import type { SignatureVerifier } from './siwe-signature-verifier';

export interface AuthDeps {
  readonly nonces: NonceStore;
  readonly nonceTtlSeconds: number;
  readonly siwe: SiweExpectations;
  readonly verifySignature: SignatureVerifier;
  readonly tokens: AccessTokens;
  /** The source of truth: a token is valid only while its record exists and is not revoked. */
  readonly sessions: SessionRecords;
  readonly sessionCache: SessionStatusCache;
  /** Seconds an "active" answer from the records may be served from the cache (0: ask the records every time). */
  readonly activeCacheSeconds: number;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** A signed-in caller: the wallet its token names, the token id, and when the token expires. */
export interface AuthSession {
  readonly wallet: WalletAddress;
  readonly jti: string;
  readonly expiresAt: Date;
}

export interface SignInRequest {
  readonly message: string;
  readonly signature: Hex;
}

export interface AuthService {
  /** A fresh single-use nonce for a SIWE message. */
  readonly issueNonce: () => TE.TaskEither<AppError, { readonly nonce: string; readonly expiresAt: string }>;
  /** Checks a signed SIWE message and returns a session token; each failure is a 401 with its own code. */
  readonly signIn: (req: SignInRequest) => TE.TaskEither<AppError, { readonly token: string; readonly expiresAt: string; readonly address: WalletAddress }>;
  /** Valid, unexpired and not revoked: the session; otherwise 401 TOKEN_INVALID / TOKEN_EXPIRED / TOKEN_REVOKED. Used by REST and Socket.IO. */
  readonly verifyAccessToken: (token: string) => TE.TaskEither<AppError, AuthSession>;
  /** Revokes this session's token until it would have expired (503 only when the session records cannot be written). */
  readonly logout: (session: AuthSession) => TE.TaskEither<AppError, void>;
  /** Tells the cache that sessions whose records were erased (account erasure) are over; failures are logged, never returned. */
  readonly endSessions: (sessions: ReadonlyArray<{ readonly jti: string; readonly expiresAt: Date }>) => T.Task<void>;
}

/** 128 random bits as 32 hex characters: alphanumeric, as EIP-4361 requires of a nonce. */
const newNonce = (): string => randomBytes(16).toString('hex');

export const makeAuthService = (deps: AuthDeps): AuthService => {
  const cacheRevoked = (jti: string, until: Date): T.Task<void> =>
    pipe(
      deps.sessionCache.putRevoked(jti, until),
      TE.match(
        (e): void => {
          deps.logger.warn(`session revoked in the records but not in the shared cache: other workers may admit it for up to ${deps.activeCacheSeconds} s`, {
            cause: e,
          });
        },
        (): void => undefined,
      ),
    );

  const cacheAnswer = (claims: TokenClaims, isActive: boolean): T.Task<void> => {
    if (!isActive) return cacheRevoked(claims.jti, claims.expiresAt);
    return deps.activeCacheSeconds > 0 ? deps.sessionCache.putActive(claims.jti, deps.activeCacheSeconds) : T.of(undefined);
  };

  /** The cached answer when there is one; otherwise the session record decides (none, revoked, or another wallet: not active), and is cached. */
  const isActive = (claims: TokenClaims): TE.TaskEither<AppError, boolean> =>
    pipe(
      TE.fromTask(deps.sessionCache.get(claims.jti)),
      TE.flatMap((cached) =>
        cached !== undefined
          ? TE.right(cached === 'active')
          : pipe(
              deps.sessions.find(claims.jti),
              TE.map((record) => record !== null && record.revokedAt === null && record.wallet === claims.wallet),
              TE.tap((active) => TE.fromTask(cacheAnswer(claims, active))),
            ),
      ),
    );

  const consumeNonce = (nonce: string): TE.TaskEither<AppError, void> =>
    pipe(
      deps.nonces.consume(nonce),
      TE.flatMap((fresh) => (fresh ? TE.right(undefined) : TE.left(authError('SIWE_NONCE_INVALID', 'The nonce is unknown, already used or expired: request a new one')))),
    );

  const startSession = (wallet: WalletAddress) =>
    pipe(
      deps.tokens.issue(wallet),
      TE.tap((issued) => deps.sessions.insert({ jti: issued.jti, wallet, issuedAt: issued.issuedAt, expiresAt: issued.expiresAt })),
      TE.tap(() =>
        pipe(
          deps.sessions.deleteExpired(wallet, deps.now()),
          TE.orElse(() => TE.right(0)),
        ),
      ),
    );

  return {
    issueNonce: () => {
      const nonce = newNonce();
      const expiresAt = new Date(deps.now().getTime() + deps.nonceTtlSeconds * 1000).toISOString();
      return pipe(
        deps.nonces.put(nonce, deps.nonceTtlSeconds),
        TE.map(() => ({ nonce, expiresAt })),
      );
    },

    signIn: (req) =>
      pipe(
        TE.fromEither(checkSiweMessage(req.message, deps.siwe, deps.now())),
        // The nonce is spent before the signature is even looked at: a replayed or raced message finds it gone.
        TE.tap((checked) => consumeNonce(checked.nonce)),
        TE.tap((checked) =>
          pipe(
            deps.verifySignature({ message: req.message, signature: req.signature, address: checked.address }),
            TE.flatMap((valid) => (valid ? TE.right(undefined) : TE.left(authError('SIWE_BAD_SIGNATURE', 'The signature does not match the message and address')))),
          ),
        ),
        TE.flatMap((checked) => startSession(checked.address)),
        TE.map((issued) => ({ token: issued.token, expiresAt: issued.expiresAt.toISOString(), address: issued.wallet })),
      ),

    verifyAccessToken: (token) =>
      token.length > MAX_TOKEN_LENGTH
        ? TE.left(authError('TOKEN_INVALID', 'The session token is not valid: sign in again'))
        : pipe(
            deps.tokens.verify(token),
            TE.flatMap((claims) =>
              pipe(
                isActive(claims),
                TE.flatMap((active) => (active ? TE.right(claims) : TE.left(authError('TOKEN_REVOKED', 'The session has ended: sign in again')))),
              ),
            ),
          ),

    logout: (session) =>
      pipe(
        deps.sessions.markRevoked(session.jti, deps.now()),
        TE.flatMap(() => TE.fromTask(cacheRevoked(session.jti, session.expiresAt))),
      ),

    endSessions: (sessions) =>
      pipe(
        sessions,
        T.traverseSeqArray((s) => cacheRevoked(s.jti, s.expiresAt)),
        T.map((): void => undefined),
      ),
  };
};
