import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { formatUnits } from 'viem';
import { accountAfterAction, accountHealthFactor, encodeSupply } from '../../../domain/tx/lending';
import { LENDING_GAS_UPPER_BOUNDS } from './lending-gas-bounds';
import type { LendingDeps, LendingPlanner } from './lending-deps';
import type { SupplyRequest } from './lending-request';
import { isSameAddress, readLendingAccount, unprocessable } from './read-lending-account';

/**
 * Pool.supply(asset, amount, onBehalfOf, 0) with an allowance of `amount` to the Pool; "max" is the wallet's balance
 * at the block (NOTHING_TO_DO when it is zero). healthFactorAfter only when the wallet supplies for itself (a supply
 * on behalf of another account leaves the wallet's own health factor as it was).
 */
export const planSupply =
  (deps: LendingDeps) =>
  (request: SupplyRequest): LendingPlanner =>
  (ctx) => {
    const onBehalfOf = request.onBehalfOf ?? ctx.wallet;
    return pipe(
      readLendingAccount(deps, { user: onBehalfOf, asset: request.asset, holder: ctx.wallet, blockNumber: ctx.blockNumber }),
      TE.flatMap((read) => {
        const amount = request.amount === 'max' ? read.holderBalance : request.amount;
        if (amount === 0n) return TE.left(unprocessable('NOTHING_TO_DO', `the wallet holds no ${read.token.symbol} to supply`));
        const isForWallet = isSameAddress(onBehalfOf, ctx.wallet);
        return TE.right({
          action: 'supply' as const,
          allowances: [{ token: request.asset, spender: deps.market.pool, amount }],
          calls: [
            {
              to: deps.market.pool,
              data: encodeSupply(request.asset, amount, onBehalfOf),
              value: 0n,
              description: `Supply ${formatUnits(amount, read.token.decimals)} ${read.token.symbol} to Yei${isForWallet ? '' : ` for ${onBehalfOf}`}`,
              gasUpperBound: LENDING_GAS_UPPER_BOUNDS.supply,
            },
          ],
          balanceChanges: [{ token: request.asset, delta: -amount }],
          ...(isForWallet ? { healthFactorAfter: accountHealthFactor(accountAfterAction(read.account, { kind: 'supply', asset: request.asset, amount })) } : {}),
        });
      }),
    );
  };
