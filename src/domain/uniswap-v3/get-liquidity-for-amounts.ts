import { assertUint } from './assert-uint';
import { mulDiv } from './full-math';
import { Q96 } from './tick-math-constants';

const toUint128 = (x: bigint): bigint => {
  assertUint('liquidity', x, 128n);
  return x;
};

const ordered = (a: bigint, b: bigint): readonly [bigint, bigint] => (a > b ? [b, a] : [a, b]);

/** LiquidityAmounts.getLiquidityForAmount0: the liquidity `amount0` buys between two sqrt prices (rounded down). */
export const getLiquidityForAmount0 = (sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount0: bigint): bigint => {
  const [lower, upper] = ordered(sqrtRatioAX96, sqrtRatioBX96);
  const intermediate = mulDiv(lower, upper, Q96);
  return toUint128(mulDiv(amount0, intermediate, upper - lower));
};

/** LiquidityAmounts.getLiquidityForAmount1: the liquidity `amount1` buys between two sqrt prices (rounded down). */
export const getLiquidityForAmount1 = (sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount1: bigint): bigint => {
  const [lower, upper] = ordered(sqrtRatioAX96, sqrtRatioBX96);
  return toUint128(mulDiv(amount1, Q96, upper - lower));
};

/**
 * The most liquidity `amount0` and `amount1` can add between two sqrt prices at the pool price sqrtPriceX96,
 * bit-for-bit LiquidityAmounts.getLiquidityForAmounts as NonfungiblePositionManager's mint and increaseLiquidity
 * use it (with getSqrtRatioAtTick of the position's ticks); what the pool then charges is
 * getAmountsForLiquidity(…, roundUp = true), never more than either amount.
 * Throws RangeError where the contract reverts (a liquidity above uint128, equal bounds).
 */
export const getLiquidityForAmounts = (sqrtPriceX96: bigint, sqrtRatioAX96: bigint, sqrtRatioBX96: bigint, amount0: bigint, amount1: bigint): bigint => {
  const [sqrtLower, sqrtUpper] = ordered(sqrtRatioAX96, sqrtRatioBX96);
  if (sqrtLower === sqrtUpper) throw new RangeError('getLiquidityForAmounts: the range is empty');
  if (sqrtPriceX96 <= sqrtLower) return getLiquidityForAmount0(sqrtLower, sqrtUpper, amount0);
  if (sqrtPriceX96 < sqrtUpper) {
    const liquidity0 = getLiquidityForAmount0(sqrtPriceX96, sqrtUpper, amount0);
    const liquidity1 = getLiquidityForAmount1(sqrtLower, sqrtPriceX96, amount1);
    return liquidity0 < liquidity1 ? liquidity0 : liquidity1;
  }
  return getLiquidityForAmount1(sqrtLower, sqrtUpper, amount1);
};
