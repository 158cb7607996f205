import { randomBytes } from 'node:crypto';
import type * as T from 'fp-ts/Task';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Hex } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { SessionsRepository } from '../../infra/db/sessions-repository';
import type { Logger } from '../../infra/logging/logger';
import { MAX_TOKEN_LENGTH, type AccessTokens } from './access-tokens';
import { authError } from './auth-errors';
import { checkSiweMessage, type SiweExpectations } from './check-siwe-message';
import type { NonceStore } from './nonce-store';
import type { RevokedTokens } from './revoked-tokens';
import type { SignatureVerifier } from './siwe-signature-verifier';

export interface AuthDeps {
  readonly nonces: NonceStore;
  readonly nonceTtlSeconds: number;
  readonly siwe: SiweExpectations;
  readonly verifySignature: SignatureVerifier;
  readonly tokens: AccessTokens;
  readonly sessions: SessionsRepository;
  readonly revoked: RevokedTokens;
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
  /** Revokes this session's token until it would have expired. */
  readonly logout: (session: AuthSession) => TE.TaskEither<AppError, void>;
  /** Ends sessions whose records were erased (account erasure) in every worker's view; failures are logged, never returned. */
  readonly endSessions: (sessions: ReadonlyArray<{ readonly jti: string; readonly expiresAt: Date }>) => T.Task<void>;
}

/** 128 random bits as 32 hex characters: alphanumeric, as EIP-4361 requires of a nonce. */
const newNonce = (): string => randomBytes(16).toString('hex');

export const makeAuthService = (deps: AuthDeps): AuthService => {
  /** Redis is the shared list; when it cannot answer, the session records in Postgres decide (no record or revoked = revoked). */
  const isRevoked = (jti: string): TE.TaskEither<AppError, boolean> =>
    pipe(
      deps.revoked.isRevoked(jti),
      TE.orElse((e) => {
        deps.logger.warn('revocation list unavailable: checking the session record instead', { cause: e });
        return pipe(
          deps.sessions.find(jti),
          TE.map((s) => s === null || s.revokedAt !== null),
        );
      }),
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
                isRevoked(claims.jti),
                TE.flatMap((revoked) => (revoked ? TE.left(authError('TOKEN_REVOKED', 'The session has ended: sign in again')) : TE.right(claims))),
              ),
            ),
          ),

    logout: (session) =>
      pipe(
        deps.sessions.markRevoked(session.jti, deps.now()),
        TE.flatMap(() => deps.revoked.revoke(session.jti, session.expiresAt)),
      ),

    endSessions: (sessions) =>
      pipe(
        sessions,
        TE.traverseSeqArray((s) => deps.revoked.revoke(s.jti, s.expiresAt)),
        TE.match(
          (e): void => {
            deps.logger.warn('ended sessions not shared with the other workers', { cause: e });
          },
          (): void => undefined,
        ),
      ),
  };
};
