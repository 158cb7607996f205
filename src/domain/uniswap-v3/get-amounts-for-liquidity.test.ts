import fc from 'fast-check';
import { liquidity, sqrtPriceX96 as sqrtPrice, tickRange } from '../../../tests/support/arbitraries';
import { getAmount0Delta } from './get-amount0-delta';
import { getAmount1Delta } from './get-amount1-delta';
import { getAmountsForLiquidity } from './get-amounts-for-liquidity';
import { getSqrtRatioAtTick } from './get-sqrt-ratio-at-tick';

const ONE = 10n ** 18n;


describe('getAmountsForLiquidity', () => {
  it('holds only token0 while the price is below the range', () => {
    const amounts = getAmountsForLiquidity(getSqrtRatioAtTick(-100), -60, 60, ONE);
    expect(amounts).toEqual({
      amount0: getAmount0Delta(getSqrtRatioAtTick(-60), getSqrtRatioAtTick(60), ONE, false),
      amount1: 0n,
    });
  });

  it('holds only token1 once the price reaches the upper tick', () => {
    const amounts = getAmountsForLiquidity(getSqrtRatioAtTick(60), -60, 60, ONE);
    expect(amounts).toEqual({
      amount0: 0n,
      amount1: getAmount1Delta(getSqrtRatioAtTick(-60), getSqrtRatioAtTick(60), ONE, false),
    });
  });

  it('splits an in-range position at the current price, rounding down like decreaseLiquidity', () => {
    const sqrtP = getSqrtRatioAtTick(0);
    const { amount0, amount1 } = getAmountsForLiquidity(sqrtP, -60, 60, ONE);
    expect(amount0).toBe(getAmount0Delta(sqrtP, getSqrtRatioAtTick(60), ONE, false));
    expect(amount1).toBe(getAmount1Delta(getSqrtRatioAtTick(-60), sqrtP, ONE, false));
    // Independent float check: L·(1 − 1.0001^−30) and L·(1 − 1.0001^−30) for a symmetric range at price 1.
    const expected = 1e18 * (1 - 1.0001 ** -30);
    expect(Math.abs(Number(amount0) - expected) / expected).toBeLessThan(1e-9);
    expect(Math.abs(Number(amount1) - expected) / expected).toBeLessThan(1e-9);
  });

  it('rounds up when asked (what mint charges), one unit above the burn amounts here', () => {
    const sqrtP = getSqrtRatioAtTick(0);
    const down = getAmountsForLiquidity(sqrtP, -60, 60, ONE);
    const up = getAmountsForLiquidity(sqrtP, -60, 60, ONE, true);
    expect(up.amount0 - down.amount0).toBe(1n);
    expect(up.amount1 - down.amount1).toBe(1n);
  });

  it('gives the same amounts as the pool’s tick-based branch when a swap stopped exactly on tickLower', () => {
    // Pool state after moving down onto tick −60: slot0.tick = −61, sqrtPrice = ratio(−60). The pool takes the
    // "below range" branch: token0 over the whole range, no token1.
    const poolAnswer = {
      amount0: getAmount0Delta(getSqrtRatioAtTick(-60), getSqrtRatioAtTick(60), ONE, false),
      amount1: 0n,
    };
    expect(getAmountsForLiquidity(getSqrtRatioAtTick(-60), -60, 60, ONE)).toEqual(poolAnswer);
  });

  it('returns zero amounts for zero liquidity', () => {
    expect(getAmountsForLiquidity(getSqrtRatioAtTick(5), -60, 60, 0n)).toEqual({ amount0: 0n, amount1: 0n });
  });

  it('rejects an empty or inverted range', () => {
    expect(() => getAmountsForLiquidity(getSqrtRatioAtTick(0), 60, 60, ONE)).toThrow(RangeError);
    expect(() => getAmountsForLiquidity(getSqrtRatioAtTick(0), 60, -60, ONE)).toThrow(RangeError);
  });

  it('mint amounts exceed burn amounts by at most one unit of each token', () => {
    fc.assert(
      fc.property(sqrtPrice, tickRange, liquidity, (p, [lower, upper], l) => {
        const down = getAmountsForLiquidity(p, lower, upper, l, false);
        const up = getAmountsForLiquidity(p, lower, upper, l, true);
        expect([0n, 1n]).toContain(up.amount0 - down.amount0);
        expect([0n, 1n]).toContain(up.amount1 - down.amount1);
      }),
    );
  });

  it('token0 falls and token1 rises as the price rises', () => {
    fc.assert(
      fc.property(sqrtPrice, sqrtPrice, tickRange, liquidity, (a, b, [lower, upper], l) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const atLow = getAmountsForLiquidity(lo, lower, upper, l);
        const atHigh = getAmountsForLiquidity(hi, lower, upper, l);
        expect(atHigh.amount0 <= atLow.amount0).toBe(true);
        expect(atHigh.amount1 >= atLow.amount1).toBe(true);
      }),
    );
  });

  it('never decreases when liquidity grows', () => {
    fc.assert(
      fc.property(sqrtPrice, tickRange, liquidity, liquidity, (p, [lower, upper], a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const small = getAmountsForLiquidity(p, lower, upper, lo);
        const large = getAmountsForLiquidity(p, lower, upper, hi);
        expect(large.amount0 >= small.amount0 && large.amount1 >= small.amount1).toBe(true);
      }),
    );
  });
});
