import fc from 'fast-check';
import { getSqrtRatioAtTick } from './get-sqrt-ratio-at-tick';
import { MAX_SQRT_RATIO, MAX_TICK, MIN_SQRT_RATIO, MIN_TICK, Q96 } from './tick-math-constants';
import { tick, tickBelowMax } from '../../../tests/support/arbitraries';

describe('getSqrtRatioAtTick', () => {
  it('is exactly 2^96 at tick 0', () => {
    expect(getSqrtRatioAtTick(0)).toBe(Q96);
  });

  it('matches the TickMath spec vectors at the ends of the tick range', () => {
    expect(getSqrtRatioAtTick(MIN_TICK)).toBe(4295128739n);
    expect(getSqrtRatioAtTick(MIN_TICK)).toBe(MIN_SQRT_RATIO);
    expect(getSqrtRatioAtTick(MIN_TICK + 1)).toBe(4295343490n);
    expect(getSqrtRatioAtTick(MAX_TICK - 1)).toBe(1461373636630004318706518188784493106690254656249n);
    expect(getSqrtRatioAtTick(MAX_TICK)).toBe(1461446703485210103287273052203988822378723970342n);
    expect(getSqrtRatioAtTick(MAX_TICK)).toBe(MAX_SQRT_RATIO);
  });

  it('throws like the contract reverts outside [MIN_TICK, MAX_TICK] or for fractional ticks', () => {
    expect(() => getSqrtRatioAtTick(MIN_TICK - 1)).toThrow(RangeError);
    expect(() => getSqrtRatioAtTick(MAX_TICK + 1)).toThrow(RangeError);
    expect(() => getSqrtRatioAtTick(0.5)).toThrow(RangeError);
  });

  it('is strictly increasing in the tick', () => {
    fc.assert(
      fc.property(tickBelowMax, (t) => {
        expect(getSqrtRatioAtTick(t)).toBeLessThan(getSqrtRatioAtTick(t + 1));
      }),
    );
  });

  it('is within a millionth of a bip of sqrt(1.0001^tick) · 2^96', () => {
    fc.assert(
      fc.property(tick, (t) => {
        const expected = Math.exp((t / 2) * Math.log(1.0001)) * 2 ** 96;
        const actual = Number(getSqrtRatioAtTick(t));
        expect(Math.abs(actual - expected) / expected).toBeLessThan(1e-8);
      }),
    );
  });

  it('is roughly symmetric: ratio(t) · ratio(−t) ≈ 2^192', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: MAX_TICK }), (t) => {
        const product = getSqrtRatioAtTick(t) * getSqrtRatioAtTick(-t);
        const relative = Number(product - (1n << 192n)) / 2 ** 192;
        expect(Math.abs(relative)).toBeLessThan(1e-9);
      }),
    );
  });
});
