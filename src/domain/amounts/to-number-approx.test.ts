import fc from 'fast-check';
import { amountWithDecimals, baseUnits, tokenDecimals } from '../../../tests/support/arbitraries';
import { parseUnits } from 'viem';
import { toNumberApprox } from './to-number-approx';

describe('toNumberApprox', () => {
  it('converts ordinary balances exactly where the double can hold them', () => {
    expect(toNumberApprox(1500000000000000000000n, 18)).toBe(1500);
    expect(toNumberApprox(1234567n, 6)).toBe(1.234567);
    expect(toNumberApprox(-25n, 1)).toBe(-2.5);
    expect(toNumberApprox(0n, 18)).toBe(0);
  });

  it('keeps 15+ significant digits for a huge 18-decimal balance beyond 2^53 wei', () => {
    // 123456789012345.678901234567890123 tokens: the naive Number(wei) / 1e18 rounds twice.
    const amount = 123456789012345678901234567890123n;
    expect(toNumberApprox(amount, 18)).toBe(Number('123456789012345.678901234567890123'));
  });

  it('handles uint256 max without overflowing to Infinity', () => {
    const value = toNumberApprox(2n ** 256n - 1n, 18);
    expect(Math.abs(value - 2 ** 256 / 1e18) / value).toBeLessThan(1e-15);
  });

  it('gives back exactly the double whose shortest decimal was parsed with viem parseUnits', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-6, max: 1e15, noNaN: true }), (value) => {
        // String(value) is the shortest decimal that round-trips to `value` (at most 23 decimals in this range),
        // so parsing it at 24 decimals is lossless and the conversion back must land on the very same double.
        const raw = parseUnits(String(value), 24);
        expect(toNumberApprox(raw, 24)).toBe(value);
      }),
    );
  });

  it('is monotonic in the raw amount', () => {
    fc.assert(
      fc.property(
        baseUnits(160),
        baseUnits(160),
        tokenDecimals(30),
        (a, b, decimals) => {
          const [lo, hi] = a <= b ? [a, b] : [b, a];
          expect(toNumberApprox(lo, decimals)).toBeLessThanOrEqual(toNumberApprox(hi, decimals));
        },
      ),
    );
  });

  it('agrees with the exact bigint quotient to within one part in 10^15', () => {
    fc.assert(
      fc.property(amountWithDecimals({ bits: 200, maxDecimals: 30, min: 1n }), ({ amount, decimals }) => {
        const approx = toNumberApprox(amount, decimals);
        // Compare against integer and fractional parts computed separately in bigint.
        const scale = 10n ** BigInt(decimals);
        const whole = Number(amount / scale);
        const fraction = Number(amount % scale) / Number(scale);
        const reference = whole + fraction;
        expect(Math.abs(approx - reference)).toBeLessThanOrEqual(reference * 1e-15);
      }),
    );
  });
});
