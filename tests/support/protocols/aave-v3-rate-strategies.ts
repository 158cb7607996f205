import { parseUnits } from 'viem';

/** The constructor parameters of Aave v3's DefaultReserveInterestRateStrategy, every one a ray (1e27 = 100%). */
export interface AaveRateStrategy {
  readonly optimalUsageRatio: bigint;
  readonly baseVariableBorrowRate: bigint;
  readonly variableRateSlope1: bigint;
  readonly variableRateSlope2: bigint;
  readonly stableRateSlope1: bigint;
  readonly stableRateSlope2: bigint;
  readonly baseStableRateOffset: bigint;
  readonly stableRateExcessOffset: bigint;
  readonly optimalStableToTotalDebtRatio: bigint;
}

const ray = (fraction: string): bigint => parseUnits(fraction, 27);

/** Aave's "rateStrategyStableOne" (USDC on Aave v3 markets): kink at 90% usage, 4% then +60%. */
export const STABLECOIN_RATE_STRATEGY: AaveRateStrategy = {
  optimalUsageRatio: ray('0.9'),
  baseVariableBorrowRate: 0n,
  variableRateSlope1: ray('0.04'),
  variableRateSlope2: ray('0.6'),
  stableRateSlope1: ray('0.005'),
  stableRateSlope2: ray('0.6'),
  baseStableRateOffset: ray('0.01'),
  stableRateExcessOffset: ray('0.08'),
  optimalStableToTotalDebtRatio: ray('0.2'),
};

/** Aave's "rateStrategyVolatileOne" (WETH and other volatile assets): kink at 45% usage, 7% then +300%. */
export const VOLATILE_RATE_STRATEGY: AaveRateStrategy = {
  optimalUsageRatio: ray('0.45'),
  baseVariableBorrowRate: 0n,
  variableRateSlope1: ray('0.07'),
  variableRateSlope2: ray('3'),
  stableRateSlope1: ray('0.07'),
  stableRateSlope2: ray('3'),
  baseStableRateOffset: ray('0.02'),
  stableRateExcessOffset: ray('0.05'),
  optimalStableToTotalDebtRatio: ray('0.2'),
};

/** The strategy's constructor arguments after the addresses provider, in order. */
export const rateStrategyArgs = (s: AaveRateStrategy): ReadonlyArray<bigint> => [
  s.optimalUsageRatio,
  s.baseVariableBorrowRate,
  s.variableRateSlope1,
  s.variableRateSlope2,
  s.stableRateSlope1,
  s.stableRateSlope2,
  s.baseStableRateOffset,
  s.stableRateExcessOffset,
  s.optimalStableToTotalDebtRatio,
];
