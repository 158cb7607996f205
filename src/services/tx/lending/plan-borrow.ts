import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { formatUnits } from 'viem';
import { accountAfterAction, accountHealthFactor, encodeBorrow } from '../../../domain/tx/lending';
import { LENDING_GAS_UPPER_BOUNDS } from './lending-gas-bounds';
import type { LendingDeps, LendingPlanner } from './lending-deps';
import type { BorrowRequest } from './lending-request';
import { readLendingAccount } from './read-lending-account';

/** Pool.borrow(asset, amount, 2, 0, wallet) at the variable rate; the wallet receives `amount`. */
export const planBorrow =
  (deps: LendingDeps) =>
  (request: BorrowRequest): LendingPlanner =>
  (ctx) =>
    pipe(
      readLendingAccount(deps, { user: ctx.wallet, asset: request.asset, holder: ctx.wallet, blockNumber: ctx.blockNumber }),
      TE.map((read) => ({
        action: 'borrow' as const,
        allowances: [],
        calls: [
          {
            to: deps.market.pool,
            data: encodeBorrow(request.asset, request.amount, ctx.wallet),
            value: 0n,
            description: `Borrow ${formatUnits(request.amount, read.token.decimals)} ${read.token.symbol} from Yei at the variable rate`,
            gasUpperBound: LENDING_GAS_UPPER_BOUNDS.borrow,
          },
        ],
        balanceChanges: [{ token: request.asset, delta: request.amount }],
        healthFactorAfter: accountHealthFactor(accountAfterAction(read.account, { kind: 'borrow', asset: request.asset, amount: request.amount })),
      })),
    );
