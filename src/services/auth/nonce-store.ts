import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';

/** Server-side sign-in nonces: each one stored once and consumable exactly once before it expires. */
export interface NonceStore {
  readonly put: (nonce: string, ttlSeconds: number) => TE.TaskEither<AppError, void>;
  /** Deletes the nonce atomically; true for exactly one caller per stored, unexpired nonce. */
  readonly consume: (nonce: string) => TE.TaskEither<AppError, boolean>;
}
