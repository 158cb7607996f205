import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { notFound, validationFailed, type AppError } from '../../../domain/app-error';
import type { WalletAddress } from '../../../domain/address/wallet-address';
import { toTrackedTransactionView, type TrackedTransactionView } from '../../../domain/tx/track/tracked-transaction-view';
import type { TxHash } from '../../../domain/address/tx-hash';
import type { TrackedTransactionStore } from './ports';

/** `GET /api/tx/:hash`: the wallet's tracked transaction; another wallet's answers 404 like an unknown hash. */
export const getTrackedTransaction =
  (store: TrackedTransactionStore) =>
  (wallet: WalletAddress, hash: TxHash): TE.TaskEither<AppError, TrackedTransactionView> =>
    pipe(
      store.find(wallet, hash),
      TE.flatMap((row) => (row === undefined ? TE.left(notFound('Tracked transaction')) : TE.right(toTrackedTransactionView(row)))),
    );

export interface TrackedTransactionPage {
  readonly transactions: ReadonlyArray<TrackedTransactionView>;
  /** The `before` of the next page; absent on the last one. */
  readonly nextBefore?: string;
}

/**
 * `GET /api/tx?limit=&before=`: the wallet's tracked transactions newest tracked first. One more row than asked is
 * read to know whether a next page exists; a `before` that is not one of the wallet's hashes is 400.
 */
export const listTrackedTransactions =
  (store: TrackedTransactionStore) =>
  (wallet: WalletAddress, limit: number, before: TxHash | undefined): TE.TaskEither<AppError, TrackedTransactionPage> =>
    pipe(
      store.page(wallet, limit + 1, before),
      TE.flatMap((rows) => {
        if (rows === undefined) return TE.left(validationFailed([{ path: 'query.before', expected: 'the nextBefore of a previous page' }]));
        const page = rows.slice(0, limit);
        const last = page[page.length - 1];
        return TE.right({ transactions: page.map(toTrackedTransactionView), ...(rows.length > limit && last !== undefined ? { nextBefore: last.hash } : {}) });
      }),
    );
