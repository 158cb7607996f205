import fc from 'fast-check';
import { rayRate } from '../../../tests/support/arbitraries';
import { rayRateToApyPercent } from './ray-rate-to-apy-percent';

const RAY = 10n ** 27n;
const SECONDS_PER_YEAR = 31536000n;

// Independent reference: (1 + r/n)^n in 1e40 fixed point by repeated squaring, all in bigint.
const referenceApyPercent = (rateRay: bigint): number => {
  const S = 10n ** 40n;
  let base = S + (rateRay * S) / (RAY * SECONDS_PER_YEAR);
  let result = S;
  for (let e = SECONDS_PER_YEAR; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * base) / S;
    base = (base * base) / S;
  }
  return (Number(((result - S) * 10n ** 12n) / S) / 1e12) * 100;
};

describe('rayRateToApyPercent', () => {
  it('is 0 for a zero rate', () => {
    expect(rayRateToApyPercent(0n)).toBe(0);
  });

  it('turns a 5% APR into ≈ 5.1271% APY (per-second compounding, just below e^0.05 − 1)', () => {
    const apy = rayRateToApyPercent(5n * 10n ** 25n);
    expect(apy).toBeCloseTo(5.127109633, 8);
    expect(apy).toBeLessThan((Math.exp(0.05) - 1) * 100);
  });

  it('turns a 100% APR into ≈ (e − 1) × 100 %', () => {
    expect(rayRateToApyPercent(RAY)).toBeCloseTo((Math.E - 1) * 100, 5);
  });

  it('keeps precision for tiny rates where 1 + r/n would round away', () => {
    // 0.0001% APR: APY = e^(1e−6) − 1 to ~20 digits (the r²/2n correction is ~1e−20); a naive
    // (1 + r/n)^n − 1 in doubles is off in the 7th significant digit here.
    const apy = rayRateToApyPercent(10n ** 21n);
    expect(Math.abs(apy - Math.expm1(1e-6) * 100) / apy).toBeLessThan(1e-13);
    expect(Math.abs(((1 + 1e-6 / 31536000) ** 31536000 - 1) * 100 - apy) / apy).toBeGreaterThan(1e-9);
  });

  it('agrees with a 40-digit fixed-point evaluation of the formula', () => {
    fc.assert(
      fc.property(rayRate(3n, 10n ** 22n), (rateRay) => {
        const expected = referenceApyPercent(rateRay);
        expect(Math.abs(rayRateToApyPercent(rateRay) - expected) / expected).toBeLessThan(1e-9);
      }),
      { numRuns: 50 },
    );
  });

  it('is increasing in the rate and never below the APR', () => {
    fc.assert(
      fc.property(rayRate(), rayRate(), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(rayRateToApyPercent(lo)).toBeLessThanOrEqual(rayRateToApyPercent(hi));
        expect(rayRateToApyPercent(lo)).toBeGreaterThanOrEqual((Number(lo) / 1e27) * 100 * (1 - 1e-12));
      }),
    );
  });
});
