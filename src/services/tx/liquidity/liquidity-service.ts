import type { AppError } from '../../../domain/app-error';
import type { CollectFeesRequest, IncreaseLiquidityRequest, MintPositionRequest, RemoveLiquidityRequest } from '../../../domain/tx/liquidity/liquidity-requests';
import type { TxEngineDeps } from '../prepare-action';
import { prepareWith, type PrepareRequest } from '../prepare-with';
import type { LiquidityPlannerDeps } from './liquidity-planner-deps';
import { planCollectFees } from './plan-collect-fees';
import { planIncreaseLiquidity } from './plan-increase-liquidity';
import { planMintPosition } from './plan-mint-position';
import { planRemoveLiquidity } from './plan-remove-liquidity';

export interface LiquidityService {
  readonly mint: PrepareRequest<MintPositionRequest>;
  readonly increase: PrepareRequest<IncreaseLiquidityRequest>;
  readonly remove: PrepareRequest<RemoveLiquidityRequest>;
  readonly collect: PrepareRequest<CollectFeesRequest>;
}

const NOT_CONFIGURED: AppError = { _tag: 'UnprocessableTx', code: 'NO_ROUTE', message: 'DragonSwap V2 is not configured on this network' };

/**
 * POST /api/tx/liquidity/add, /remove and /collect as use-cases: the engine run with the liquidity planners.
 * Without DragonSwap V2 in the registry (`deps` undefined) every action is 422 NO_ROUTE.
 */
export const makeLiquidityService = (engine: TxEngineDeps, deps: LiquidityPlannerDeps | undefined): LiquidityService => {
  const prepare = prepareWith(engine, deps, NOT_CONFIGURED);
  return { mint: prepare(planMintPosition), increase: prepare(planIncreaseLiquidity), remove: prepare(planRemoveLiquidity), collect: prepare(planCollectFees) };
};
