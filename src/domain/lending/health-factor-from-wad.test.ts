import fc from 'fast-check';
import { healthFactorFromWad } from './health-factor-from-wad';

const WAD = 10n ** 18n;

describe('healthFactorFromWad', () => {
  it('reads wad values as plain ratios', () => {
    expect(healthFactorFromWad(WAD)).toBe(1);
    expect(healthFactorFromWad(1_500_000_000_000_000_000n)).toBe(1.5);
    expect(healthFactorFromWad(987_654_321_000_000_000n)).toBe(0.987654321);
    expect(healthFactorFromWad(0n)).toBe(0);
  });

  it('treats Aave’s uint256-max "no debt" value as null', () => {
    expect(healthFactorFromWad(2n ** 256n - 1n)).toBeNull();
    expect(healthFactorFromWad(10n ** 59n)).toBeNull();
  });

  it('keeps very large but real health factors from dust debt', () => {
    expect(healthFactorFromWad(10n ** 59n - 1n)).toBeCloseTo(1e41, -27);
    expect(healthFactorFromWad(10n ** 35n)).toBe(1e17);
  });

  it('is monotonic below the sentinel', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 59n - 1n }), fc.bigInt({ min: 0n, max: 10n ** 59n - 1n }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(healthFactorFromWad(lo) as number).toBeLessThanOrEqual(healthFactorFromWad(hi) as number);
      }),
    );
  });
});
