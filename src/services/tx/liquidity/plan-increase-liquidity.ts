import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { encodeFunctionData } from 'viem';
import type { IncreaseLiquidityRequest } from '../../../domain/tx/liquidity/liquidity-requests';
import { nonfungiblePositionManagerAbi } from '../../../domain/uniswap-v3/nonfungible-position-manager-abi';
import { INCREASE_LIQUIDITY_GAS_UPPER_BOUND } from './liquidity-gas';
import type { Planner } from '../prepare-action';
import type { LiquidityPlannerDeps } from './liquidity-planner-deps';
import { addLiquidityPlan } from './add-liquidity-plan';
import { readOwnedPosition } from './read-owned-position';

/**
 * Add to a position the wallet owns: NonfungiblePositionManager.increaseLiquidity with the liquidity the desired
 * amounts buy in the position's range at the pool's price at the plan's block. Refusals: 404 for an NFT that does not
 * exist, 403 NOT_OWNER for another wallet's, 422 NOTHING_TO_DO when the amounts buy no liquidity.
 */
export const planIncreaseLiquidity =
  (deps: LiquidityPlannerDeps) =>
  (request: IncreaseLiquidityRequest): Planner =>
  (ctx) =>
    pipe(
      readOwnedPosition(deps.chain, request.tokenId, ctx),
      TE.flatMap(({ value: position, blockTimestamp }) =>
        addLiquidityPlan(
          { ...request, pool: position.pool, tickLower: position.tickLower, tickUpper: position.tickUpper, positionManager: deps.chain.positionManager },
          (added) => ({
            data: encodeFunctionData({
              abi: nonfungiblePositionManagerAbi,
              functionName: 'increaseLiquidity',
              args: [
                {
                  tokenId: request.tokenId,
                  amount0Desired: request.amount0Desired,
                  amount1Desired: request.amount1Desired,
                  amount0Min: added.quote.amount0Min,
                  amount1Min: added.quote.amount1Min,
                  deadline: blockTimestamp + BigInt(deps.deadlineSeconds),
                },
              ],
            }),
            description: `Add liquidity ${added.quote.liquidity} to DragonSwap V2 position #${request.tokenId}`,
            gasUpperBound: INCREASE_LIQUIDITY_GAS_UPPER_BOUND,
          }),
        ),
      ),
    );
