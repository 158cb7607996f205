import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { encodeFunctionData } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { ActionPlan, ExpectedBalanceChange } from '../../../domain/tx/action-plan';
import type { RemoveLiquidityRequest } from '../../../domain/tx/liquidity/liquidity-requests';
import { minAfterSlippage } from '../../../domain/tx/min-after-slippage';
import { getAmountsForLiquidity } from '../../../domain/uniswap-v3';
import { nonfungiblePositionManagerAbi } from '../../../domain/uniswap-v3/nonfungible-position-manager-abi';
import { collectEverythingData } from './collect-everything-call';
import { REMOVE_LIQUIDITY_GAS_UPPER_BOUND } from './liquidity-gas';
import type { Planner } from '../prepare-action';
import type { LiquidityPlannerDeps } from './liquidity-planner-deps';
import { owedOrFail } from './owed-or-fail';
import { readOwnedPosition } from './read-owned-position';

/**
 * Remove `percent` of a position the wallet owns and collect everything owed, in one transaction:
 * multicall([decreaseLiquidity(floor(liquidity × percent / 100), mins), collect(wallet, max, max)]). The quote is
 * the liquidity removed and the principal it returns (getAmountsForLiquidity rounded down, as Pool.burn pays; fees
 * excluded); the balance changes add what collect owes before the decrease (fees, and liquidity decreased earlier
 * but never collected), simulated as the wallet at the block. Refusals: 404, 403 NOT_OWNER, and 422 NOTHING_TO_DO
 * when that share of the position's liquidity is zero (a closed position: use collect).
 */
export const planRemoveLiquidity =
  (deps: LiquidityPlannerDeps) =>
  (request: RemoveLiquidityRequest): Planner =>
  (ctx) =>
    pipe(
      readOwnedPosition(deps.chain, request.tokenId, ctx),
      TE.flatMap(({ value: position, blockTimestamp }) => {
        const removed = (position.liquidity * BigInt(request.percent)) / 100n;
        if (removed === 0n) {
          return TE.left<AppError, ActionPlan>({ _tag: 'UnprocessableTx', code: 'NOTHING_TO_DO', message: `Position #${request.tokenId} has no liquidity to remove` });
        }
        return pipe(
          owedOrFail(position),
          TE.fromEither,
          TE.map((owed): ActionPlan => {
            const { pool } = position;
            const principal = getAmountsForLiquidity(pool.sqrtPriceX96, position.tickLower, position.tickUpper, removed);
            const amount0Min = minAfterSlippage(principal.amount0, request.slippageBps);
            const amount1Min = minAfterSlippage(principal.amount1, request.slippageBps);
            const decrease = encodeFunctionData({
              abi: nonfungiblePositionManagerAbi,
              functionName: 'decreaseLiquidity',
              args: [{ tokenId: request.tokenId, liquidity: removed, amount0Min, amount1Min, deadline: blockTimestamp + BigInt(deps.deadlineSeconds) }],
            });
            const balanceChanges: ReadonlyArray<ExpectedBalanceChange> = [
              { token: pool.token0, delta: principal.amount0 + owed.amount0 },
              { token: pool.token1, delta: principal.amount1 + owed.amount1 },
            ].filter((c) => c.delta > 0n);
            return {
              action: 'remove_liquidity',
              allowances: [],
              calls: [
                {
                  to: deps.chain.positionManager,
                  data: encodeFunctionData({ abi: nonfungiblePositionManagerAbi, functionName: 'multicall', args: [[decrease, collectEverythingData(request.tokenId, ctx.wallet)]] }),
                  value: 0n,
                  description: `Remove ${request.percent}% (liquidity ${removed}) of DragonSwap V2 position #${request.tokenId} and collect everything owed`,
                  gasUpperBound: REMOVE_LIQUIDITY_GAS_UPPER_BOUND,
                },
              ],
              balanceChanges,
              quote: { amount0: principal.amount0, amount1: principal.amount1, amount0Min, amount1Min, liquidity: removed },
            };
          }),
        );
      }),
    );
