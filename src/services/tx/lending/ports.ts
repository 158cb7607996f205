// What the lending planners need from outside, filled by adapters/protocols/aave-v3/make-aave-v3-lending-market.ts.
import type * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { LendingAccount } from '../../../domain/tx/lending';

/** One user's side of the market and one holder's balance of the asset, all read at one block. */
export interface LendingMarketRead {
  /** Every listed reserve with `user`'s balances, in the pool's order. */
  readonly account: LendingAccount;
  /** The ERC-20 balance asked for with `balanceOf` (0 when not asked, or when the asset is not a reserve: it was not read). */
  readonly holderBalance: bigint;
}

export interface LendingMarketQuery {
  readonly user: Address;
  /** Default: the latest block. */
  readonly blockNumber?: bigint;
  readonly balanceOf?: { readonly asset: Address; readonly holder: Address };
}

/** The Yei (Aave v3) market the lending actions go to. */
export interface LendingMarket {
  readonly pool: Address;
  /** RpcUnavailable when the chain cannot be read. */
  readonly read: (q: LendingMarketQuery) => TE.TaskEither<AppError, LendingMarketRead>;
}
