import * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { PreparedTransactions } from '../../../domain/tx/prepared-transactions';
import { prepareAction, type TxEngineDeps } from '../prepare-action';
import { planSwap, type SwapPlannerDeps } from './plan-swap';
import type { SwapRequest } from './swap-request';

export interface SwapService {
  /** POST /api/tx/swap: the best DragonSwap route for the request, prepared and simulated for `wallet` (API.md). */
  readonly swap: (wallet: Address, request: SwapRequest) => TE.TaskEither<AppError, PreparedTransactions>;
}

/** The engine run with the swap planner; without SwapRouter02 or WSEI in the registry every swap is 422 NO_ROUTE. */
export const makeSwapService = (engine: TxEngineDeps, planner: SwapPlannerDeps | undefined): SwapService => {
  const prepare = prepareAction(engine);
  return {
    swap: (wallet, request) =>
      planner === undefined
        ? TE.left({ _tag: 'UnprocessableTx', code: 'NO_ROUTE', message: 'DragonSwap (SwapRouter02 and WSEI) is not configured for this network' })
        : prepare(wallet, planSwap(planner)(request)),
  };
};
