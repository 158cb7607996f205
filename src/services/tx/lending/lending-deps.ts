import type * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { ActionPlan, PlanContext } from '../../../domain/tx/action-plan';
import type { LendingMarket } from './ports';

/** A registry token, as the plans describe it. */
export interface LendingToken {
  readonly symbol: string;
  readonly decimals: number;
}

export interface LendingDeps {
  readonly market: LendingMarket;
  /** The registry token at `asset`, or undefined when it is not listed (422 UNKNOWN_ASSET). */
  readonly tokenOf: (asset: Address) => LendingToken | undefined;
}

/** What each lending action returns for the engine: the plan read at the context's block. */
export type LendingPlanner = (ctx: PlanContext) => TE.TaskEither<AppError, ActionPlan>;
