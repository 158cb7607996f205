import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { DataEraser } from './data-eraser';

/** Counts of erased records by kind; the three kinds the API names are always present. */
export interface ErasedCounts {
  readonly chatMessages: number;
  readonly alerts: number;
  readonly sessions: number;
  readonly [kind: string]: number;
}

/**
 * Erases everything the wallet owns, one eraser after another in the given order, stopping at the first failure
 * (every eraser is idempotent, so the client just retries). Put the sessions eraser last: it revokes the token the
 * client would retry with.
 */
export const eraseAccountData =
  (erasers: ReadonlyArray<DataEraser>) =>
  (wallet: WalletAddress): TE.TaskEither<AppError, { readonly erased: ErasedCounts }> =>
    pipe(
      erasers,
      TE.traverseSeqArray((erase) => erase(wallet)),
      TE.map((counts) => ({ erased: counts.reduce<ErasedCounts>((all, kind) => ({ ...all, ...kind }), { chatMessages: 0, alerts: 0, sessions: 0 }) })),
    );
