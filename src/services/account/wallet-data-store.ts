import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';

/** How many records of each kind an erasure removed: the `erased` object of `DELETE /api/me/data`. */
export interface ErasedCounts {
  readonly chatMessages: number;
  readonly alerts: number;
  readonly alertEvents: number;
  readonly sessions: number;
}

/** A sign-in session whose record the erasure removed: its token must be refused from now on. */
export interface ErasedSession {
  readonly jti: string;
  readonly expiresAt: Date;
}

export interface WalletErasure {
  readonly counts: ErasedCounts;
  readonly sessions: ReadonlyArray<ErasedSession>;
}

/** Everything stored about a wallet (chat history, alerts and their events, sign-in sessions). */
export interface WalletDataStore {
  /** Erases all of it as one: on any failure nothing is erased, so the client can simply retry. Idempotent. */
  readonly eraseAllOf: (wallet: WalletAddress) => TE.TaskEither<AppError, WalletErasure>;
}
