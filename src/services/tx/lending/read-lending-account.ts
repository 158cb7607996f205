import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { AccountReserve } from '../../../domain/tx/lending';
import type { LendingDeps, LendingToken } from './lending-deps';
import type { LendingMarketRead } from './ports';

export interface LendingAccountRead extends LendingMarketRead {
  readonly token: LendingToken;
  /** The user's side of the acted-on reserve. */
  readonly reserve: AccountReserve;
}

export const unprocessable = (code: 'UNKNOWN_ASSET' | 'NOTHING_TO_DO', message: string): AppError => ({ _tag: 'UnprocessableTx', code, message });

/** The market read at the block for `user` (and `holder`'s balance of `asset`); UNKNOWN_ASSET unless `asset` is a registry token listed as a reserve. */
export const readLendingAccount = (
  deps: LendingDeps,
  q: { readonly user: Address; readonly asset: Address; readonly holder: Address; readonly blockNumber: bigint },
): TE.TaskEither<AppError, LendingAccountRead> => {
  const token = deps.tokenOf(q.asset);
  if (token === undefined) return TE.left(unprocessable('UNKNOWN_ASSET', `${q.asset} is not a registry token`));
  return pipe(
    deps.market.read({ user: q.user, blockNumber: q.blockNumber, balanceOf: { asset: q.asset, holder: q.holder } }),
    TE.flatMap((read) => {
      const reserve = read.account.find((r) => r.asset.toLowerCase() === q.asset.toLowerCase());
      return reserve === undefined ? TE.left(unprocessable('UNKNOWN_ASSET', `${token.symbol} is not a Yei reserve`)) : TE.right({ ...read, token, reserve });
    }),
  );
};

export const isSameAddress = (a: Address, b: Address): boolean => a.toLowerCase() === b.toLowerCase();
