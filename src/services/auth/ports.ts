import type * as T from 'fp-ts/Task';
import type * as TE from 'fp-ts/TaskEither';
import type { Hex } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';

// What sign-in needs from outside, filled in src/composition/auth.ts.

/** Server-side sign-in nonces: each one stored once and consumable exactly once before it expires (infra/db/nonces-repository.ts). */
export interface NonceStore {
  readonly put: (nonce: string, ttlSeconds: number) => TE.TaskEither<AppError, void>;
  /** Deletes the nonce atomically; true for exactly one caller per stored, unexpired nonce. */
  readonly consume: (nonce: string) => TE.TaskEither<AppError, boolean>;
}

export interface SessionRecord {
  readonly jti: string;
  readonly wallet: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

/**
 * Issued sign-in sessions, one per token: the source of truth for whether a token may still be used. A token is
 * valid only while its record exists and is not revoked (infra/db/sessions-repository.ts).
 */
export interface SessionRecords {
  readonly insert: (s: { readonly jti: string; readonly wallet: WalletAddress; readonly issuedAt: Date; readonly expiresAt: Date }) => TE.TaskEither<AppError, void>;
  readonly find: (jti: string) => TE.TaskEither<AppError, SessionRecord | null>;
  readonly markRevoked: (jti: string, at: Date) => TE.TaskEither<AppError, void>;
  /** Drops the wallet's sessions that expired before `before`: nothing can use them any more. */
  readonly deleteExpired: (wallet: WalletAddress, before: Date) => TE.TaskEither<AppError, number>;
}

/** What the session records said about a token, as cached. */
export type CachedSessionStatus = 'active' | 'revoked';

/**
 * A cache in front of the session records, shared by the workers when it lives in Redis (infra/sessions). Losing any
 * entry is safe (the records are asked again); what it may get wrong is bounded: "active" is kept only a few seconds,
 * and never over "revoked".
 */
export interface SessionStatusCache {
  /** The cached status, or undefined on a miss; a cache that cannot answer is a miss. */
  readonly get: (jti: string) => T.Task<CachedSessionStatus | undefined>;
  /** Caches "active" for `ttlSeconds`, unless something is cached already (a "revoked" written meanwhile stays). */
  readonly putActive: (jti: string, ttlSeconds: number) => T.Task<void>;
  /** Caches "revoked" until `until` (the token's own expiry), over whatever was cached. */
  readonly putRevoked: (jti: string, until: Date) => TE.TaskEither<AppError, void>;
}

export interface SignatureCheck {
  readonly message: string;
  readonly signature: Hex;
  readonly address: WalletAddress;
}

/**
 * True when `address` signed `message` (EOA or contract wallet); an error only when the chain could not be asked.
 * Filled by adapters/chain/siwe-signature-verifier.ts.
 */
export type SignatureVerifier = (check: SignatureCheck) => TE.TaskEither<AppError, boolean>;
