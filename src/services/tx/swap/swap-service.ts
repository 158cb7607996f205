import type { AppError } from '../../../domain/app-error';
import type { TxEngineDeps } from '../prepare-action';
import { prepareWith, type PrepareRequest } from '../prepare-with';
import { planSwap, type SwapPlannerDeps } from './plan-swap';
import type { SwapRequest } from './swap-request';

export interface SwapService {
  /** POST /api/tx/swap: the best DragonSwap route for the request, prepared and simulated for `wallet` (API.md). */
  readonly swap: PrepareRequest<SwapRequest>;
}

const NOT_CONFIGURED: AppError = { _tag: 'UnprocessableTx', code: 'NO_ROUTE', message: 'DragonSwap (SwapRouter02 and WSEI) is not configured for this network' };

/** The engine run with the swap planner; without SwapRouter02 or WSEI in the registry every swap is 422 NO_ROUTE. */
export const makeSwapService = (engine: TxEngineDeps, planner: SwapPlannerDeps | undefined): SwapService => ({
  swap: prepareWith(engine, planner, NOT_CONFIGURED)(planSwap),
});
