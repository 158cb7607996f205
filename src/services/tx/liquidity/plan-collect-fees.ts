import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../../domain/app-error';
import type { ActionPlan } from '../../../domain/tx/action-plan';
import type { CollectFeesRequest } from '../../../domain/tx/liquidity/liquidity-requests';
import { collectEverythingData } from './collect-everything-call';
import { COLLECT_GAS_UPPER_BOUND } from './liquidity-gas';
import type { Planner } from '../prepare-action';
import type { LiquidityPlannerDeps } from './liquidity-planner-deps';
import { owedOrFail } from './owed-or-fail';
import { readOwnedPosition } from './read-owned-position';

/**
 * Collect everything a position the wallet owns owes: collect(tokenId, wallet, max, max). The balance changes are
 * exactly what that call pays when simulated as the wallet at the plan's block (fees earned up to the block, plus any
 * liquidity decreased but not collected). Refusals: 404, 403 NOT_OWNER, 422 NOTHING_TO_DO when nothing is owed.
 */
export const planCollectFees =
  (deps: LiquidityPlannerDeps) =>
  (request: CollectFeesRequest): Planner =>
  (ctx) =>
    pipe(
      readOwnedPosition(deps.chain, request.tokenId, ctx),
      TE.flatMap(({ value: position }) =>
        pipe(
          owedOrFail(position),
          TE.fromEither,
          TE.filterOrElse(
            (owed) => owed.amount0 > 0n || owed.amount1 > 0n,
            (): AppError => ({ _tag: 'UnprocessableTx', code: 'NOTHING_TO_DO', message: `Position #${request.tokenId} owes nothing to collect` }),
          ),
          TE.map(
            (owed): ActionPlan => ({
              action: 'collect',
              allowances: [],
              calls: [
                {
                  to: deps.chain.positionManager,
                  data: collectEverythingData(request.tokenId, ctx.wallet),
                  value: 0n,
                  description: `Collect the fees of DragonSwap V2 position #${request.tokenId}`,
                  gasUpperBound: COLLECT_GAS_UPPER_BOUND,
                },
              ],
              balanceChanges: [
                { token: position.pool.token0, delta: owed.amount0 },
                { token: position.pool.token1, delta: owed.amount1 },
              ].filter((c) => c.delta > 0n),
            }),
          ),
        ),
      ),
    );
