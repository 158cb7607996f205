import * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { CollectFeesRequest, IncreaseLiquidityRequest, MintPositionRequest, RemoveLiquidityRequest } from '../../../domain/tx/liquidity/liquidity-requests';
import type { PreparedTransactions } from '../../../domain/tx/prepared-transactions';
import { prepareAction, type TxEngineDeps } from '../prepare-action';
import type { LiquidityPlannerDeps } from './liquidity-planner-deps';
import { planCollectFees } from './plan-collect-fees';
import { planIncreaseLiquidity } from './plan-increase-liquidity';
import { planMintPosition } from './plan-mint-position';
import { planRemoveLiquidity } from './plan-remove-liquidity';

type Prepared = TE.TaskEither<AppError, PreparedTransactions>;

export interface LiquidityService {
  readonly mint: (wallet: Address, request: MintPositionRequest) => Prepared;
  readonly increase: (wallet: Address, request: IncreaseLiquidityRequest) => Prepared;
  readonly remove: (wallet: Address, request: RemoveLiquidityRequest) => Prepared;
  readonly collect: (wallet: Address, request: CollectFeesRequest) => Prepared;
}

const NOT_CONFIGURED: AppError = { _tag: 'UnprocessableTx', code: 'NO_ROUTE', message: 'DragonSwap V2 is not configured on this network' };

/**
 * POST /api/tx/liquidity/add, /remove and /collect as use-cases: the engine run with the liquidity planners.
 * Without DragonSwap V2 in the registry (`deps` undefined) every action is 422 NO_ROUTE.
 */
export const makeLiquidityService = (engine: TxEngineDeps, deps: LiquidityPlannerDeps | undefined): LiquidityService => {
  if (deps === undefined) {
    const refuse = (): Prepared => TE.left(NOT_CONFIGURED);
    return { mint: refuse, increase: refuse, remove: refuse, collect: refuse };
  }
  const prepare = prepareAction(engine);
  return {
    mint: (wallet, request) => prepare(wallet, planMintPosition(deps)(request)),
    increase: (wallet, request) => prepare(wallet, planIncreaseLiquidity(deps)(request)),
    remove: (wallet, request) => prepare(wallet, planRemoveLiquidity(deps)(request)),
    collect: (wallet, request) => prepare(wallet, planCollectFees(deps)(request)),
  };
};
