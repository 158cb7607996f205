import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { formatUnits } from 'viem';
import type { ActionPlan } from '../../../domain/tx/action-plan';
import { AAVE_ALL, accountAfterAction, accountHealthFactor, encodeRepay, repaidAmount } from '../../../domain/tx/lending';
import { LENDING_GAS_UPPER_BOUNDS } from './lending-gas-bounds';
import type { LendingDeps, LendingPlanner } from './lending-deps';
import type { RepayRequest } from './lending-request';
import { isSameAddress, readLendingAccount, unprocessable } from './read-lending-account';

/**
 * Pool.repay(asset, amount, 2, onBehalfOf) of variable debt; NOTHING_TO_DO when there is none. "max" for the wallet's
 * own debt sends type(uint256).max, so the debt is cleared including interest accrued until landing: the allowance is
 * the debt at the block, flagged for the engine to cover the accrual until expiry at the reserve's variable rate; the
 * expected change is the debt at
 * the block. Aave refuses "max" on behalf of another account (error 40), so there "max" is the debt at the block.
 * An explicit amount above the debt repays the debt; the allowance stays the amount asked (the pool pulls at most that).
 */
export const planRepay =
  (deps: LendingDeps) =>
  (request: RepayRequest): LendingPlanner =>
  (ctx) => {
    const onBehalfOf = request.onBehalfOf ?? ctx.wallet;
    const isForWallet = isSameAddress(onBehalfOf, ctx.wallet);
    return pipe(
      readLendingAccount(deps, { user: onBehalfOf, asset: request.asset, holder: ctx.wallet, blockNumber: ctx.blockNumber }),
      TE.flatMap((read) => {
        const debt = read.reserve.variableDebt;
        if (debt === 0n) return TE.left(unprocessable('NOTHING_TO_DO', `no variable ${read.token.symbol} debt to repay`));
        const isWholeDebt = request.amount === 'max';
        const amount = request.amount === 'max' ? debt : request.amount;
        const repaid = repaidAmount(read.account, request.asset, amount);
        const plan: ActionPlan = {
          action: 'repay',
          allowances: [{ token: request.asset, spender: deps.market.pool, amount, ...(isWholeDebt && isForWallet ? { accrualRateRay: read.reserve.variableBorrowRateRay } : {}) }],
          calls: [
            {
              to: deps.market.pool,
              data: encodeRepay(request.asset, isWholeDebt && isForWallet ? AAVE_ALL : amount, onBehalfOf),
              value: 0n,
              description: `Repay ${isWholeDebt ? 'all' : formatUnits(repaid, read.token.decimals)} ${read.token.symbol} borrowed on Yei${isForWallet ? '' : ` for ${onBehalfOf}`}`,
              gasUpperBound: LENDING_GAS_UPPER_BOUNDS.repay,
            },
          ],
          balanceChanges: [{ token: request.asset, delta: -repaid }],
          ...(isWholeDebt && isForWallet ? { approvalCoversAccrualUntilExpiry: true } : {}),
          ...(isForWallet ? { healthFactorAfter: accountHealthFactor(accountAfterAction(read.account, { kind: 'repay', asset: request.asset, amount })) } : {}),
        };
        return TE.right(plan);
      }),
    );
  };
