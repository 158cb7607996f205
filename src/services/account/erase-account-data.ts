import type * as T from 'fp-ts/Task';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { ErasedCounts, ErasedSession, WalletDataStore } from './wallet-data-store';

export interface EraseAccountDataDeps {
  readonly store: WalletDataStore;
  /** Told which sessions ended with the erasure, so no cached answer admits their tokens; never fails. */
  readonly endSessions: (sessions: ReadonlyArray<ErasedSession>) => T.Task<void>;
}

/**
 * `DELETE /api/me/data`: erases the wallet's chat history, alerts, alert events and sessions in one go (all or
 * nothing), then ends the erased sessions everywhere; the caller's own token stops working too.
 */
export const eraseAccountData =
  (deps: EraseAccountDataDeps) =>
  (wallet: WalletAddress): TE.TaskEither<AppError, { readonly erased: ErasedCounts }> =>
    pipe(
      deps.store.eraseAllOf(wallet),
      TE.tap((erasure) => TE.fromTask(deps.endSessions(erasure.sessions))),
      TE.map((erasure) => ({ erased: erasure.counts })),
    );
