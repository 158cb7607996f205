import fc from 'fast-check';
import { isInRange } from './is-in-range';

describe('isInRange', () => {
  it('includes the lower tick and excludes the upper tick, as the pool does', () => {
    expect(isInRange(-60, -60, 60)).toBe(true);
    expect(isInRange(59, -60, 60)).toBe(true);
    expect(isInRange(60, -60, 60)).toBe(false);
    expect(isInRange(-61, -60, 60)).toBe(false);
  });

  it('is true for exactly (upper − lower) ticks', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 200 }), (lower, width) => {
        let count = 0;
        for (let t = lower - 5; t < lower + width + 5; t++) if (isInRange(t, lower, lower + width)) count++;
        expect(count).toBe(width);
      }),
    );
  });
});
