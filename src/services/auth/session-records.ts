import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';

export interface SessionRecord {
  readonly jti: string;
  readonly wallet: string;
  readonly issuedAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

/**
 * Issued sign-in sessions, one per token: the source of truth for whether a token may still be used. A token is
 * valid only while its record exists and is not revoked.
 */
export interface SessionRecords {
  readonly insert: (s: { readonly jti: string; readonly wallet: WalletAddress; readonly issuedAt: Date; readonly expiresAt: Date }) => TE.TaskEither<AppError, void>;
  readonly find: (jti: string) => TE.TaskEither<AppError, SessionRecord | null>;
  readonly markRevoked: (jti: string, at: Date) => TE.TaskEither<AppError, void>;
  /** Drops the wallet's sessions that expired before `before`: nothing can use them any more. */
  readonly deleteExpired: (wallet: WalletAddress, before: Date) => TE.TaskEither<AppError, number>;
}
