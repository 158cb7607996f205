/** Seconds in a 365-day year, the annualisation base. */
export const YEAR_SECONDS = 365 * 24 * 60 * 60;

/**
 * Sample standard deviation of interval returns scaled to a year by sqrt(YEAR_SECONDS / meanIntervalSeconds).
 * 0 with fewer than two returns or a non-positive mean interval.
 */
export const annualisedVolatility = (returns: ReadonlyArray<number>, meanIntervalSeconds: number): number => {
  if (returns.length < 2 || !(meanIntervalSeconds > 0)) return 0;
  const mean = returns.reduce((sum, r) => sum + r, 0) / returns.length;
  const variance = returns.reduce((sum, r) => sum + (r - mean) ** 2, 0) / (returns.length - 1);
  return Math.sqrt(variance) * Math.sqrt(YEAR_SECONDS / meanIntervalSeconds);
};
