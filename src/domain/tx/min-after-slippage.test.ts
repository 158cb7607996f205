import fc from 'fast-check';
import { minAfterSlippage } from './min-after-slippage';

describe('minAfterSlippage', () => {
  it('is floor(amount × (10000 − bps) / 10000): hand-worked values', () => {
    expect(minAfterSlippage(1_000_000n, 50)).toBe(995_000n);
    expect(minAfterSlippage(999n, 50)).toBe(994n); // 994.005 rounds down
    expect(minAfterSlippage(7n, 0)).toBe(7n);
    expect(minAfterSlippage(12_345n, 0)).toBe(12_345n);
    expect(minAfterSlippage(7n, 5000)).toBe(3n);
    expect(minAfterSlippage(12_345n, 5_000)).toBe(6_172n); // 6172.5
    expect(minAfterSlippage(0n, 50)).toBe(0n);
  });

  it('never exceeds the amount and is within one unit of the exact share', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 200n }), fc.integer({ min: 0, max: 5000 }), (amount, bps) => {
        const min = minAfterSlippage(amount, bps);
        const exactTimes10000 = amount * BigInt(10_000 - bps);
        expect([min <= amount, min * 10_000n <= exactTimes10000, exactTimes10000 < (min + 1n) * 10_000n]).toEqual([true, true, true]);
      }),
    );
  });
});
