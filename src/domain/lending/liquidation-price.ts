import type { CollateralPosition } from './collateral-position';
import { liquidationThresholdValueUSD } from './health-factor';

/**
 * The USD price of `assetKey` at which the health factor falls to exactly 1, holding the other collateral prices
 * and the debt (in USD) constant: (debt − Σ_others amount·price·LT) / (amount_asset · LT_asset).
 * null when there is no debt, the asset is not posted as collateral (or has zero amount/threshold), or the
 * other collateral alone covers the debt so no positive price would liquidate the account.
 * Debt denominated in the same asset is treated as fixed in USD, so this is only exact for foreign-currency debt.
 */
export const liquidationPrice = (input: {
  readonly collateral: ReadonlyArray<CollateralPosition>;
  readonly totalDebtUSD: number;
  readonly assetKey: string;
}): number | null => {
  if (!(input.totalDebtUSD > 0)) return null;
  const asset = input.collateral.filter((c) => c.key === input.assetKey);
  const others = input.collateral.filter((c) => c.key !== input.assetKey);
  const weightedAmount = asset.reduce((sum, c) => sum + c.amount * c.liquidationThreshold, 0);
  if (!(weightedAmount > 0)) return null;
  const price = (input.totalDebtUSD - liquidationThresholdValueUSD(others)) / weightedAmount;
  return price > 0 && Number.isFinite(price) ? price : null;
};
