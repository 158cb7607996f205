/** A pool's marginal exchange rate before the swap, as the exact fraction tokenOut per tokenIn (base units). */
export interface MidRate {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

const Q192 = 2n ** 192n;

/** A Uniswap V3 pool's rate from slot0's sqrtPriceX96 (token1 per token0 = sqrtPriceX96² / 2¹⁹²), in the swap's direction. */
export const v3MidRate = (sqrtPriceX96: bigint, zeroForOne: boolean): MidRate => {
  const squared = sqrtPriceX96 * sqrtPriceX96;
  return zeroForOne ? { numerator: squared, denominator: Q192 } : { numerator: Q192, denominator: squared };
};

/** A Uniswap V2 pair's rate from its reserves: reserveOut / reserveIn. */
export const v1MidRate = (reserveIn: bigint, reserveOut: bigint): MidRate => ({ numerator: reserveOut, denominator: reserveIn });

/**
 * How much worse the execution is than the mid price, in basis points, rounded down and never negative:
 * midOut = amountIn × Π(hop mid rates), priceImpactBps = floor(10000 × (midOut − amountOut) / midOut).
 * It includes the pools' fees (as Uniswap's SDK computePriceImpact does), so a tiny trade on a 0.3% pool shows 30.
 * Computed on exact fractions, without rounding midOut. 0 when a rate is degenerate.
 */
export const priceImpactBps = (amountIn: bigint, amountOut: bigint, rates: ReadonlyArray<MidRate>): number => {
  const numerator = rates.reduce((product, r) => product * r.numerator, amountIn);
  const denominator = rates.reduce((product, r) => product * r.denominator, 1n);
  if (numerator <= 0n || denominator <= 0n) return 0;
  const shortfall = numerator - amountOut * denominator;
  return shortfall <= 0n ? 0 : Number((shortfall * 10_000n) / numerator);
};
