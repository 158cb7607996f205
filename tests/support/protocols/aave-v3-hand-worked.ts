import type { AaveRateStrategy } from './aave-v3-rate-strategies';

/**
 * Aave v3's formulas worked by hand in floating point, for expectations that do not come from our src code: compare
 * them with the pool's answers at a tolerance, never use them to build what the app should say.
 */

export const SECONDS_PER_YEAR = 31_536_000;

const fromRay = (ray: bigint): number => Number(ray) / 1e27;

/** A wad (1e18 = 1.0) as a number, e.g. a health factor. */
export const fromWad = (wad: bigint): number => Number(wad) / 1e18;

/**
 * Aave's APY convention: a ray APR compounded every second for a year, in percent: (1 + r/n)^n − 1 with n seconds,
 * worked as e^(n·ln(1 + r/n)) − 1 with ln(1 + x) from its series (x is about 1e-9, so three terms are exact), since
 * 1 + r/n itself would lose the last digits of a per-second rate.
 */
export const apyPercentOf = (rateRay: bigint): number => {
  const x = fromRay(rateRay) / SECONDS_PER_YEAR;
  return Math.expm1(SECONDS_PER_YEAR * (x - x ** 2 / 2 + x ** 3 / 3)) * 100;
};

/** The variable borrow APR (a fraction) DefaultReserveInterestRateStrategy gives at `usage` (debt / (debt + cash)), without stable debt. */
export const variableBorrowRateAt = (strategy: AaveRateStrategy, usage: number): number => {
  const optimal = fromRay(strategy.optimalUsageRatio);
  const below = fromRay(strategy.baseVariableBorrowRate) + (fromRay(strategy.variableRateSlope1) * Math.min(usage, optimal)) / optimal;
  return usage <= optimal ? below : below + (fromRay(strategy.variableRateSlope2) * (usage - optimal)) / (1 - optimal);
};

/** Growth of a variable debt over `seconds` at APR `rate`: Aave's MathUtils.calculateCompoundedInterest (three binomial terms). */
export const compoundedGrowth = (rate: number, seconds: number): number => {
  const x = rate / SECONDS_PER_YEAR;
  const t = seconds;
  return 1 + x * t + (t * (t - 1) * x ** 2) / 2 + (t * (t - 1) * (t - 2) * x ** 3) / 6;
};

/** Growth of a deposit over `seconds` at supply APR `rate`: Aave's MathUtils.calculateLinearInterest. */
export const linearGrowth = (rate: number, seconds: number): number => 1 + (rate * seconds) / SECONDS_PER_YEAR;

/**
 * Aave's health factor: Σ collateral × (value-weighted liquidation threshold, truncated to whole basis points) / debt.
 * `collateral` is [USD value, liquidation threshold as a fraction] per asset.
 */
export const aaveHealthFactor = (collateral: ReadonlyArray<readonly [number, number]>, debtUSD: number): number => {
  const total = collateral.reduce((s, [usd]) => s + usd, 0);
  const thresholdBps = Math.floor(collateral.reduce((s, [usd, lt]) => s + usd * lt * 10_000, 0) / total);
  return (total * thresholdBps) / 10_000 / debtUSD;
};
