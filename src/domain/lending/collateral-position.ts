/** One collateral asset of a lending account, in human units. */
export type CollateralPosition = {
  readonly key: string;
  /** Quantity of the asset in whole tokens. */
  readonly amount: number;
  readonly priceUSD: number;
  /** Liquidation threshold as a fraction (Aave's 8250 bps → 0.825). */
  readonly liquidationThreshold: number;
};
