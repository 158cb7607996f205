import type { CollateralPosition } from './collateral-position';

/** Σ amount × price × liquidationThreshold over the collateral: the debt the account can carry before liquidation. */
export const liquidationThresholdValueUSD = (collateral: ReadonlyArray<CollateralPosition>): number =>
  collateral.reduce((sum, c) => sum + c.amount * c.priceUSD * c.liquidationThreshold, 0);

/** Health factor Σ collateral × price × LT / debt, or null when there is no debt (nothing to liquidate). */
export const healthFactor = (input: {
  readonly collateral: ReadonlyArray<CollateralPosition>;
  readonly totalDebtUSD: number;
}): number | null =>
  input.totalDebtUSD > 0 ? liquidationThresholdValueUSD(input.collateral) / input.totalDebtUSD : null;
