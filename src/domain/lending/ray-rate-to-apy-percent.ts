const RAY = 1e27;
const SECONDS_PER_YEAR = 31536000;

/**
 * Aave-style annual percentage yield in percent from a ray (1e27) APR, compounded every second:
 * ((1 + rate / SECONDS_PER_YEAR)^SECONDS_PER_YEAR − 1) × 100.
 * Evaluated as expm1(n · log1p(rate / n)) so tiny per-second rates do not vanish when added to 1.
 */
export const rayRateToApyPercent = (rateRay: bigint): number => {
  const rate = Number(rateRay) / RAY;
  return Math.expm1(SECONDS_PER_YEAR * Math.log1p(rate / SECONDS_PER_YEAR)) * 100;
};
