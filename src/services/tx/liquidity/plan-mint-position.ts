import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { encodeFunctionData } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { ActionPlan } from '../../../domain/tx/action-plan';
import { checkMintRange, checkTickSpacing } from '../../../domain/tx/liquidity/check-mint-range';
import type { MintPositionRequest } from '../../../domain/tx/liquidity/liquidity-requests';
import { nonfungiblePositionManagerAbi } from '../../../domain/uniswap-v3/nonfungible-position-manager-abi';
import { MINT_GAS_UPPER_BOUND } from './liquidity-gas';
import type { Planner } from '../prepare-action';
import type { LiquidityPlannerDeps } from './liquidity-planner-deps';
import { addLiquidityPlan } from './add-liquidity-plan';

const invalid = (details: ReturnType<typeof checkMintRange>): AppError => ({ _tag: 'ValidationFailed', details });

/**
 * Mint a DragonSwap V2 position: NonfungiblePositionManager.mint with the liquidity the desired amounts buy at the
 * pool's price at the plan's block, recipient the wallet. Refusals: 400 for tokens out of the pool's order or ticks
 * out of range or off the pool's spacing, 422 UNKNOWN_ASSET for a token outside the registry, 422 NO_ROUTE when the
 * factory has no initialised pool for (token0, token1, fee), 422 NOTHING_TO_DO when the amounts buy no liquidity.
 */
export const planMintPosition =
  (deps: LiquidityPlannerDeps) =>
  (request: MintPositionRequest): Planner =>
  (ctx) => {
    const issues = checkMintRange(request);
    if (issues.length > 0) return TE.left(invalid(issues));
    const unknown = [request.token0, request.token1].filter((token) => !deps.isRegistryToken(token));
    if (unknown.length > 0) return TE.left({ _tag: 'UnprocessableTx', code: 'UNKNOWN_ASSET', message: `Not a registry token: ${unknown.join(', ')}` });
    return pipe(
      deps.chain.readPool(request, ctx.blockNumber),
      TE.flatMap(({ value: pool, blockTimestamp }) => {
        if (pool === null) {
          return TE.left<AppError, ActionPlan>({ _tag: 'UnprocessableTx', code: 'NO_ROUTE', message: `DragonSwap V2 has no initialised pool for this pair at fee ${request.fee}` });
        }
        const offGrid = checkTickSpacing(request, pool.tickSpacing);
        if (offGrid.length > 0) return TE.left<AppError, ActionPlan>(invalid(offGrid));
        return addLiquidityPlan({ ...request, pool, positionManager: deps.chain.positionManager }, (added) => ({
          data: encodeFunctionData({
            abi: nonfungiblePositionManagerAbi,
            functionName: 'mint',
            args: [
              {
                token0: pool.token0,
                token1: pool.token1,
                fee: pool.fee,
                tickLower: request.tickLower,
                tickUpper: request.tickUpper,
                amount0Desired: request.amount0Desired,
                amount1Desired: request.amount1Desired,
                amount0Min: added.quote.amount0Min,
                amount1Min: added.quote.amount1Min,
                recipient: ctx.wallet,
                deadline: blockTimestamp + BigInt(deps.deadlineSeconds),
              },
            ],
          }),
          description: `Mint a DragonSwap V2 position (fee ${pool.fee}, ticks ${request.tickLower} to ${request.tickUpper}) with liquidity ${added.quote.liquidity}`,
          gasUpperBound: MINT_GAS_UPPER_BOUND,
        }));
      }),
    );
  };
