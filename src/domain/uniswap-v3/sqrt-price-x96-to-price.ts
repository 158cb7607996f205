import { bigintRatioToNumber } from '../amounts/bigint-ratio-to-number';

/**
 * Human price of token0 in token1 (how many whole token1 one whole token0 buys) from a Q64.96 sqrt price:
 * (sqrtPriceX96 / 2^96)^2 × 10^(decimals0 − decimals1), computed exactly in bigint and rounded once to a number.
 */
export const sqrtPriceX96ToPrice = (sqrtPriceX96: bigint, decimals0: number, decimals1: number): number => {
  const ratioX192 = sqrtPriceX96 * sqrtPriceX96;
  const shift = decimals0 - decimals1;
  const scale = 10n ** BigInt(Math.abs(shift));
  return shift >= 0
    ? bigintRatioToNumber(ratioX192 * scale, 1n << 192n)
    : bigintRatioToNumber(ratioX192, (1n << 192n) * scale);
};
