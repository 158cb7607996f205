import fc from 'fast-check';
import { liquidity, sqrtRatioInclusive as sqrtPrice } from '../../../tests/support/arbitraries';
import { getAmount0Delta } from './get-amount0-delta';
import { getAmount1Delta } from './get-amount1-delta';
import { MAX_UINT128, Q96 } from './tick-math-constants';

// floor(sqrt(reserve1 / reserve0) · 2^96), what the v3-core tests call encodePriceSqrt.
const isqrt = (n: bigint): bigint => {
  if (n < 2n) return n;
  let x = BigInt(Math.floor(Math.sqrt(Number(n))));
  while (x * x > n) x = (x + n / x) >> 1n;
  while ((x + 1n) * (x + 1n) <= n) x += 1n;
  return x;
};
const encodePriceSqrt = (reserve1: bigint, reserve0: bigint): bigint => isqrt((reserve1 << 192n) / reserve0);
const ONE = 10n ** 18n;


describe('getAmount0Delta', () => {
  it('returns 0 for zero liquidity or equal prices', () => {
    expect(getAmount0Delta(encodePriceSqrt(1n, 1n), encodePriceSqrt(2n, 1n), 0n, true)).toBe(0n);
    expect(getAmount0Delta(encodePriceSqrt(1n, 1n), encodePriceSqrt(1n, 1n), ONE, true)).toBe(0n);
  });

  it('returns ~0.0909 token0 for 1e18 liquidity between prices 1 and 1.21 (SqrtPriceMath spec)', () => {
    const up = getAmount0Delta(encodePriceSqrt(121n, 100n), encodePriceSqrt(1n, 1n), ONE, true);
    expect(up).toBe(90909090909090910n);
    expect(getAmount0Delta(encodePriceSqrt(121n, 100n), encodePriceSqrt(1n, 1n), ONE, false)).toBe(up - 1n);
  });

  it('works for prices whose product overflows 256 bits (SqrtPriceMath spec)', () => {
    const a = encodePriceSqrt(2n ** 96n, 1n);
    const b = encodePriceSqrt(2n ** 90n, 1n);
    expect(getAmount0Delta(a, b, ONE, true)).toBe(getAmount0Delta(a, b, ONE, false) + 1n);
  });

  it('matches the swap-computation vector from the SqrtPriceMath spec', () => {
    const sqrtP = 1025574284609383690408304870162715216695788925244n;
    const sqrtQ = 1025574284609383582644711336373707553698163132913n;
    expect(getAmount0Delta(sqrtP, sqrtQ, 50015962439936049619261659728067971248n, true)).toBe(406n);
  });

  it('throws where the contract reverts: a zero price or liquidity beyond uint128', () => {
    expect(() => getAmount0Delta(0n, Q96, ONE, false)).toThrow(RangeError);
    expect(() => getAmount0Delta(Q96, 2n * Q96, MAX_UINT128 + 1n, false)).toThrow(RangeError);
  });

  it('ignores the order of the two prices and rounds up by at most one', () => {
    fc.assert(
      fc.property(sqrtPrice, sqrtPrice, liquidity, (a, b, l) => {
        const down = getAmount0Delta(a, b, l, false);
        expect(getAmount0Delta(b, a, l, false)).toBe(down);
        const up = getAmount0Delta(a, b, l, true);
        expect(up - down === 0n || up - down === 1n).toBe(true);
      }),
    );
  });

  it('brackets the exact real value L·(√B − √A)/(√A·√B)·2^96', () => {
    fc.assert(
      fc.property(sqrtPrice, sqrtPrice, liquidity, (a, b, l) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        // exact rational value = l·2^96·(hi − lo) / (hi·lo)
        const numerator = (l << 96n) * (hi - lo);
        const denominator = hi * lo;
        const down = getAmount0Delta(a, b, l, false);
        const up = getAmount0Delta(a, b, l, true);
        expect(down * denominator <= numerator).toBe(true);
        expect(up * denominator >= numerator).toBe(true);
      }),
    );
  });
});

describe('getAmount1Delta', () => {
  it('returns 0 for zero liquidity', () => {
    expect(getAmount1Delta(encodePriceSqrt(1n, 1n), encodePriceSqrt(2n, 1n), 0n, true)).toBe(0n);
  });

  it('returns 0.1 token1 for 1e18 liquidity between prices 1 and 1.21 (SqrtPriceMath spec)', () => {
    const up = getAmount1Delta(encodePriceSqrt(1n, 1n), encodePriceSqrt(121n, 100n), ONE, true);
    expect(up).toBe(100000000000000000n);
    expect(getAmount1Delta(encodePriceSqrt(1n, 1n), encodePriceSqrt(121n, 100n), ONE, false)).toBe(up - 1n);
  });

  it('is floor/ceil of L·(√B − √A)/2^96 regardless of price order', () => {
    fc.assert(
      fc.property(sqrtPrice, sqrtPrice, liquidity, (a, b, l) => {
        const diff = a > b ? a - b : b - a;
        const exactNumerator = l * diff;
        expect(getAmount1Delta(a, b, l, false)).toBe(exactNumerator / Q96);
        expect(getAmount1Delta(b, a, l, true)).toBe((exactNumerator + Q96 - 1n) / Q96);
      }),
    );
  });
});
