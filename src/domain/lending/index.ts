export type { CollateralPosition } from './collateral-position';
export { healthFactor, liquidationThresholdValueUSD } from './health-factor';
export { healthFactorFromWad, NO_DEBT_HEALTH_FACTOR_WAD } from './health-factor-from-wad';
export { liquidationPrice } from './liquidation-price';
export { rayRateToApyPercent } from './ray-rate-to-apy-percent';
export { liquidationPriceOfLargestCollateral, type CollateralLiquidationPrice, type ValuedLendingPosition } from './liquidation-price-of-largest-collateral';
