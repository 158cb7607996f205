import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';

/**
 * Deletes all of one kind of data a wallet owns and says how many records went, by kind
 * (`{ chatMessages: 3 }`, `{ alerts: 2, alertEvents: 5 }`, `{ sessions: 1 }`). Must be idempotent.
 */
export type DataEraser = (wallet: WalletAddress) => TE.TaskEither<AppError, Readonly<Record<string, number>>>;
