import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { formatUnits } from 'viem';
import { AAVE_ALL, accountAfterAction, accountHealthFactor, encodeWithdraw } from '../../../domain/tx/lending';
import { LENDING_GAS_UPPER_BOUNDS } from './lending-gas-bounds';
import type { LendingDeps, LendingPlanner } from './lending-deps';
import type { WithdrawRequest } from './lending-request';
import { isSameAddress, readLendingAccount, unprocessable } from './read-lending-account';

/**
 * Pool.withdraw(asset, amount, to). "max" sends type(uint256).max, so the pool pays out the whole aToken balance as it
 * stands when the transaction lands; the expected change is that balance at the block (interest accrued until landing
 * adds a little). NOTHING_TO_DO when nothing is supplied. No allowance: the pool burns the wallet's aTokens itself.
 */
export const planWithdraw =
  (deps: LendingDeps) =>
  (request: WithdrawRequest): LendingPlanner =>
  (ctx) => {
    const to = request.to ?? ctx.wallet;
    return pipe(
      readLendingAccount(deps, { user: ctx.wallet, asset: request.asset, holder: ctx.wallet, blockNumber: ctx.blockNumber }),
      TE.flatMap((read) => {
        if (read.reserve.supplied === 0n) return TE.left(unprocessable('NOTHING_TO_DO', `nothing of ${read.token.symbol} is supplied to Yei`));
        const amount = request.amount === 'max' ? read.reserve.supplied : request.amount;
        return TE.right({
          action: 'withdraw' as const,
          allowances: [],
          calls: [
            {
              to: deps.market.pool,
              data: encodeWithdraw(request.asset, request.amount === 'max' ? AAVE_ALL : amount, to),
              value: 0n,
              description: `Withdraw ${request.amount === 'max' ? 'all' : formatUnits(amount, read.token.decimals)} ${read.token.symbol} from Yei`,
              gasUpperBound: LENDING_GAS_UPPER_BOUNDS.withdraw,
            },
          ],
          balanceChanges: isSameAddress(to, ctx.wallet) ? [{ token: request.asset, delta: amount }] : [],
          healthFactorAfter: accountHealthFactor(accountAfterAction(read.account, { kind: 'withdraw', asset: request.asset, amount })),
        });
      }),
    );
  };
