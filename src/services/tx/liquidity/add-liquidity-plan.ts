import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../../domain/app-error';
import type { ActionPlan, PlannedCall } from '../../../domain/tx/action-plan';
import { liquidityToAdd, type AddInput, type LiquidityToAdd } from './liquidity-to-add';

/**
 * The plan of a mint or an increaseLiquidity: what `input` adds at the pool's price (liquidityToAdd, whose refusals
 * these are), paid by one call to the position manager that `callFor` encodes from that quote.
 */
export const addLiquidityPlan = (
  input: AddInput,
  callFor: (added: LiquidityToAdd) => Pick<PlannedCall, 'data' | 'description' | 'gasUpperBound'>,
): TE.TaskEither<AppError, ActionPlan> =>
  pipe(
    liquidityToAdd(input),
    E.map(
      (added): ActionPlan => ({
        action: 'add_liquidity',
        allowances: added.allowances,
        calls: [{ to: input.positionManager, value: 0n, ...callFor(added) }],
        balanceChanges: added.balanceChanges,
        quote: added.quote,
      }),
    ),
    TE.fromEither,
  );
