import fc from 'fast-check';
import { bigintRatioToNumber } from './bigint-ratio-to-number';

describe('bigintRatioToNumber', () => {
  it('returns exact results for ratios a double can hold', () => {
    expect(bigintRatioToNumber(1n, 2n)).toBe(0.5);
    expect(bigintRatioToNumber(2n ** 192n, 2n ** 192n)).toBe(1);
    expect(bigintRatioToNumber(3n * 2n ** 300n, 2n ** 301n)).toBe(1.5);
    expect(bigintRatioToNumber(-7n, 4n)).toBe(-1.75);
    expect(bigintRatioToNumber(7n, -4n)).toBe(-1.75);
    expect(bigintRatioToNumber(0n, 5n)).toBe(0);
  });

  it('rounds 1/3 to the nearest double', () => {
    expect(bigintRatioToNumber(1n, 3n)).toBe(1 / 3);
    expect(bigintRatioToNumber(10n ** 40n, 3n * 10n ** 40n)).toBe(1 / 3);
  });

  it('reaches deep into the subnormal-free small range and the large range', () => {
    expect(bigintRatioToNumber(1n, 2n ** 1000n)).toBe(2 ** -1000);
    expect(bigintRatioToNumber(2n ** 1000n, 1n)).toBe(2 ** 1000);
    expect(bigintRatioToNumber(1n, 2n ** 1100n)).toBe(0);
    expect(bigintRatioToNumber(2n ** 1100n, 1n)).toBe(Infinity);
  });

  it('throws RangeError on a zero denominator', () => {
    expect(() => bigintRatioToNumber(1n, 0n)).toThrow(RangeError);
  });

  it('matches floating division within one ulp when both sides are safe integers', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 2n ** 53n - 1n }),
        fc.bigInt({ min: 1n, max: 2n ** 53n - 1n }),
        (a, b) => {
          const expected = Number(a) / Number(b); // correctly rounded: both operands are exact doubles
          expect(Math.abs(bigintRatioToNumber(a, b) - expected)).toBeLessThanOrEqual(expected * 2 ** -52);
        },
      ),
    );
  });

  it('is invariant under scaling numerator and denominator by the same factor', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 1n, max: 2n ** 128n }),
        fc.bigInt({ min: 1n, max: 2n ** 128n }),
        fc.bigInt({ min: 1n, max: 2n ** 128n }),
        (a, b, k) => {
          expect(bigintRatioToNumber(a * k, b * k)).toBe(bigintRatioToNumber(a, b));
        },
      ),
    );
  });
});
