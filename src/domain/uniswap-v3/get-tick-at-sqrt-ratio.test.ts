import fc from 'fast-check';
import { getSqrtRatioAtTick } from './get-sqrt-ratio-at-tick';
import { getTickAtSqrtRatio } from './get-tick-at-sqrt-ratio';
import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK, Q96 } from './tick-math-constants';
import { sqrtPriceX96 as sqrtPrice, tickBelowMax } from '../../../tests/support/arbitraries';

// Independent, slow reference: binary search for the greatest tick whose sqrt ratio is ≤ the price.
const greatestTickAtOrBelow = (price: bigint): number => {
  let lo = MIN_TICK;
  let hi = MAX_TICK;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (getSqrtRatioAtTick(mid) <= price) lo = mid;
    else hi = mid - 1;
  }
  return lo;
};

describe('getTickAtSqrtRatio', () => {
  it('matches the TickMath spec vectors', () => {
    expect(getTickAtSqrtRatio(MIN_SQRT_RATIO)).toBe(MIN_TICK);
    expect(getTickAtSqrtRatio(4295343490n)).toBe(MIN_TICK + 1);
    expect(getTickAtSqrtRatio(1461373636630004318706518188784493106690254656249n)).toBe(MAX_TICK - 1);
    expect(getTickAtSqrtRatio(MAX_SQRT_RATIO - 1n)).toBe(MAX_TICK - 1);
    expect(getTickAtSqrtRatio(Q96)).toBe(0);
    expect(getTickAtSqrtRatio(Q96 + 1n)).toBe(0);
    expect(getTickAtSqrtRatio(Q96 - 1n)).toBe(-1);
  });

  it('throws like the contract reverts outside [MIN_SQRT_RATIO, MAX_SQRT_RATIO)', () => {
    expect(() => getTickAtSqrtRatio(MIN_SQRT_RATIO - 1n)).toThrow(RangeError);
    expect(() => getTickAtSqrtRatio(MAX_SQRT_RATIO)).toThrow(RangeError);
  });

  it('inverts getSqrtRatioAtTick for every tick below MAX_TICK', () => {
    fc.assert(
      fc.property(tickBelowMax, (t) => {
        expect(getTickAtSqrtRatio(getSqrtRatioAtTick(t))).toBe(t);
      }),
    );
  });

  it('returns t for a price just below ratio(t + 1) and t − 1 just below ratio(t)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_TICK + 1, max: MAX_TICK - 1 }), (t) => {
        expect(getTickAtSqrtRatio(getSqrtRatioAtTick(t + 1) - 1n)).toBe(t);
        expect(getTickAtSqrtRatio(getSqrtRatioAtTick(t) - 1n)).toBe(t - 1);
      }),
    );
  });

  it('is the greatest tick whose ratio is at or below the price (against a binary search)', () => {
    fc.assert(
      fc.property(sqrtPrice, (price) => {
        expect(getTickAtSqrtRatio(price)).toBe(greatestTickAtOrBelow(price));
      }),
      { numRuns: 200 },
    );
  });

  it('is monotonic in the price', () => {
    fc.assert(
      fc.property(sqrtPrice, sqrtPrice, (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(getTickAtSqrtRatio(lo)).toBeLessThanOrEqual(getTickAtSqrtRatio(hi));
      }),
    );
  });
});
