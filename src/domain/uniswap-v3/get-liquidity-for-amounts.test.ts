import fc from 'fast-check';
import { baseUnits, sqrtPriceX96, tickRange } from '../../../tests/support/arbitraries';
import { getAmountsForLiquidity } from './get-amounts-for-liquidity';
import { getLiquidityForAmounts } from './get-liquidity-for-amounts';
import { getSqrtRatioAtTick } from './get-sqrt-ratio-at-tick';

// floor(sqrt(reserve1 / reserve0) · 2^96), what the v3-periphery tests call encodePriceSqrt.
const isqrt = (n: bigint): bigint => {
  // Newton's method from above: exact for any size (a float first guess can be 2^43 off at 2^192).
  let x = n;
  let y = (x + 1n) >> 1n;
  while (y < x) {
    x = y;
    y = (x + n / x) >> 1n;
  }
  return x;
};
const encodePriceSqrt = (reserve1: bigint, reserve0: bigint): bigint => isqrt((reserve1 << 192n) / reserve0);

describe('getLiquidityForAmounts (the vectors of v3-periphery LiquidityAmounts.spec)', () => {
  const lower = encodePriceSqrt(100n, 110n);
  const upper = encodePriceSqrt(110n, 100n);

  it.each([
    ['inside the range', encodePriceSqrt(1n, 1n), 2148n],
    ['below the range (token0 only)', encodePriceSqrt(99n, 110n), 1048n],
    ['above the range (token1 only)', encodePriceSqrt(111n, 100n), 2097n],
    ['on the lower bound', lower, 1048n],
    ['on the upper bound', upper, 2097n],
  ])('100 token0 and 200 token1 %s buy the spec liquidity', (_case, price, expected) => {
    expect(getLiquidityForAmounts(price, lower, upper, 100n, 200n)).toBe(expected);
    expect(getLiquidityForAmounts(price, upper, lower, 100n, 200n)).toBe(expected);
  });

  it('refuses an empty range and a liquidity above uint128, as the contract reverts', () => {
    expect(() => getLiquidityForAmounts(lower, lower, lower, 1n, 1n)).toThrow(RangeError);
    expect(() => getLiquidityForAmounts(encodePriceSqrt(1n, 1n), lower, upper, 2n ** 200n, 2n ** 200n)).toThrow(RangeError);
  });

  it('the pool never charges more than either desired amount for the liquidity they buy', () => {
    fc.assert(
      fc.property(sqrtPriceX96, tickRange, baseUnits(80), baseUnits(80), (price, [tickLower, tickUpper], amount0, amount1) => {
        const sqrtLower = getSqrtRatioAtTick(tickLower);
        const sqrtUpper = getSqrtRatioAtTick(tickUpper);
        const fits = (() => {
          try {
            return getLiquidityForAmounts(price, sqrtLower, sqrtUpper, amount0, amount1) >= 0n;
          } catch {
            return false;
          }
        })();
        fc.pre(fits); // above uint128 the contract reverts too (tested above)
        const liquidity = getLiquidityForAmounts(price, sqrtLower, sqrtUpper, amount0, amount1);
        const charged = getAmountsForLiquidity(price, tickLower, tickUpper, liquidity, true);
        expect([charged.amount0 <= amount0, charged.amount1 <= amount1]).toEqual([true, true]);
      }),
    );
  });
});
