import { assertUint } from './assert-uint';
import { mulDiv, mulDivRoundingUp } from './full-math';

/**
 * Token0 owed for `liquidity` between two sqrt prices: liquidity × (√B − √A) / (√A × √B), bit-for-bit
 * SqrtPriceMath.getAmount0Delta (order of the prices does not matter). Throws RangeError when a price is 0 or an
 * input does not fit its Solidity type (uint160 prices, uint128 liquidity).
 */
export const getAmount0Delta = (
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidity: bigint,
  roundUp: boolean,
): bigint => {
  assertUint('sqrtRatioAX96', sqrtRatioAX96, 160n);
  assertUint('sqrtRatioBX96', sqrtRatioBX96, 160n);
  assertUint('liquidity', liquidity, 128n);
  const [lower, upper] = sqrtRatioAX96 > sqrtRatioBX96 ? [sqrtRatioBX96, sqrtRatioAX96] : [sqrtRatioAX96, sqrtRatioBX96];
  if (lower === 0n) throw new RangeError('getAmount0Delta: sqrt price is zero');
  const numerator1 = liquidity << 96n;
  const numerator2 = upper - lower;
  if (!roundUp) return mulDiv(numerator1, numerator2, upper) / lower;
  // UnsafeMath.divRoundingUp
  const scaled = mulDivRoundingUp(numerator1, numerator2, upper);
  return scaled / lower + (scaled % lower > 0n ? 1n : 0n);
};
