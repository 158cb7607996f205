import { getSqrtRatioAtTick } from './get-sqrt-ratio-at-tick';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from './tick-math-constants';

const mostSignificantBit = (value: bigint): bigint => BigInt(value.toString(2).length - 1);

/**
 * The greatest tick whose sqrt ratio is ≤ sqrtPriceX96, bit-for-bit TickMath.getTickAtSqrtRatio.
 * Throws RangeError (the contract's 'R' revert) unless MIN_SQRT_RATIO ≤ sqrtPriceX96 < MAX_SQRT_RATIO.
 */
export const getTickAtSqrtRatio = (sqrtPriceX96: bigint): number => {
  if (sqrtPriceX96 < MIN_SQRT_RATIO || sqrtPriceX96 >= MAX_SQRT_RATIO) {
    throw new RangeError(`getTickAtSqrtRatio: sqrtPriceX96 ${sqrtPriceX96} outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)`);
  }
  const ratio = sqrtPriceX96 << 32n;
  const msb = mostSignificantBit(ratio);
  let r = msb >= 128n ? ratio >> (msb - 127n) : ratio << (127n - msb);
  // Integer part of log2 in Q64.64, then 14 fractional bits by repeated squaring (BigInt >> is an arithmetic
  // shift and | uses two's complement, exactly like the int256 assembly in the contract).
  let log2 = (msb - 128n) << 64n;
  for (let bit = 63n; bit >= 50n; bit--) {
    r = (r * r) >> 127n;
    const f = r >> 128n;
    log2 |= f << bit;
    r >>= f;
  }
  const logSqrt10001 = log2 * 255738958999603826347141n; // Q128.128
  const tickLow = Number((logSqrt10001 - 3402992956809132418596140100660247210n) >> 128n);
  const tickHigh = Number((logSqrt10001 + 291339464771989622907027621153398088495n) >> 128n);
  if (tickLow === tickHigh) return tickLow;
  return getSqrtRatioAtTick(tickHigh) <= sqrtPriceX96 ? tickHigh : tickLow;
};
