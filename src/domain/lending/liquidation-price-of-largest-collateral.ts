import type { CollateralPosition } from './collateral-position';
import { liquidationPrice } from './liquidation-price';
import type { LendingPosition } from '../portfolio/portfolio';

/** The fields of a valued lending position this needs (a `LendingPosition` has them all). */
/** What the liquidation price needs of a lending position; `token` only names the asset in the answer. */
export type ValuedLendingPosition = Pick<LendingPosition, 'type' | 'tokenSymbol' | 'amountFormatted' | 'valueUSD' | 'usageAsCollateral' | 'liquidationThreshold'> & {
  readonly token: string;
};

export interface CollateralLiquidationPrice {
  /** The collateral's `token` (checksummed address). */
  readonly asset: string;
  readonly symbol: string;
  readonly priceUSD: number;
}

/**
 * The USD price of the account's largest collateral (by value) at which the health factor reaches 1, every other
 * price and the debt held constant. Pass the positions of ONE lending market (its health factor is per account) and
 * that market's total debt in USD. Collateral is the supply positions used as collateral, with a positive threshold,
 * amount and known value; each one's price is valueUSD / amount. null without debt, without priced collateral, or
 * when the other collateral alone covers the debt.
 */
export const liquidationPriceOfLargestCollateral = (
  positions: ReadonlyArray<ValuedLendingPosition>,
  totalDebtUSD: number,
): CollateralLiquidationPrice | null => {
  const collateral = positions.flatMap((p): ReadonlyArray<CollateralPosition & { readonly symbol: string; readonly valueUSD: number }> => {
    const amount = Number(p.amountFormatted);
    const isCollateral = p.type === 'supply' && p.usageAsCollateral && p.liquidationThreshold > 0;
    if (!isCollateral || p.valueUSD === null || !(p.valueUSD > 0) || !(amount > 0) || !Number.isFinite(amount)) return [];
    return [{ key: p.token, symbol: p.tokenSymbol, amount, priceUSD: p.valueUSD / amount, liquidationThreshold: p.liquidationThreshold, valueUSD: p.valueUSD }];
  });
  const largest = collateral.reduce<(typeof collateral)[number] | undefined>((best, c) => (best === undefined || c.valueUSD > best.valueUSD ? c : best), undefined);
  if (largest === undefined) return null;
  const priceUSD = liquidationPrice({ collateral, totalDebtUSD, assetKey: largest.key });
  return priceUSD === null ? null : { asset: largest.key, symbol: largest.symbol, priceUSD };
};
