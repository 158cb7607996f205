import type { Address } from 'viem';
import type { ActionPlan, PlannedCall } from '../../../domain/tx/action-plan';
import type { LiquidityToAdd } from './liquidity-to-add';

/** The plan of a mint or an increaseLiquidity: one call to the position manager, paying what `added` says. */
export const addLiquidityPlan = (positionManager: Address, added: LiquidityToAdd, call: Pick<PlannedCall, 'data' | 'description' | 'gasUpperBound'>): ActionPlan => ({
  action: 'add_liquidity',
  allowances: added.allowances,
  calls: [{ to: positionManager, value: 0n, ...call }],
  balanceChanges: added.balanceChanges,
  quote: added.quote,
});
