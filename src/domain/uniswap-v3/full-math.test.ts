import fc from 'fast-check';
import { positiveUint256, uint256 } from '../../../tests/support/arbitraries';
import { MAX_UINT256, mulDiv, mulDivRoundingUp } from './full-math';

describe('mulDiv', () => {
  it('computes through a 512-bit intermediate product (spec-style vectors)', () => {
    const Q128 = 1n << 128n;
    expect(mulDiv(Q128, 50n * Q128 / 100n, 150n * Q128 / 100n)).toBe(Q128 / 3n);
    expect(mulDiv(MAX_UINT256, MAX_UINT256, MAX_UINT256)).toBe(MAX_UINT256);
    expect(mulDiv(Q128, 35n * Q128, 8n * Q128)).toBe(4375n * Q128 / 1000n);
    expect(mulDiv(Q128, 1000n * Q128, 3000n * Q128)).toBe(113427455640312821154458202477256070485n) // floor(Q128 / 3);
  });

  it('reverts (throws) where FullMath reverts', () => {
    expect(() => mulDiv(1n, 1n, 0n)).toThrow(RangeError);
    expect(() => mulDiv(MAX_UINT256, MAX_UINT256, MAX_UINT256 - 1n)).toThrow(RangeError);
    expect(() => mulDiv(-1n, 1n, 1n)).toThrow(RangeError);
    expect(() => mulDiv(MAX_UINT256 + 1n, 1n, 1n)).toThrow(RangeError);
  });

  it('is floor(a·b/d) whenever it returns', () => {
    fc.assert(
      fc.property(uint256, uint256, positiveUint256, (a, b, d) => {
        fc.pre((a * b) / d <= MAX_UINT256);
        const q = mulDiv(a, b, d);
        expect(q * d <= a * b && a * b < (q + 1n) * d).toBe(true);
      }),
    );
  });
});

describe('mulDivRoundingUp', () => {
  it('rounds up only when there is a remainder', () => {
    expect(mulDivRoundingUp(10n, 10n, 5n)).toBe(20n);
    expect(mulDivRoundingUp(10n, 10n, 3n)).toBe(34n);
    const Q128 = 1n << 128n;
    expect(mulDivRoundingUp(Q128, 1000n * Q128, 3000n * Q128)).toBe(113427455640312821154458202477256070486n) // ceil(Q128 / 3);
  });

  it('reverts when rounding up would overflow', () => {
    expect(() =>
      mulDivRoundingUp(
        535006138814359n,
        432862656469423142931042426214547535783388063929571229938474969n,
        2n,
      ),
    ).toThrow(RangeError);
    expect(() => mulDivRoundingUp(MAX_UINT256, MAX_UINT256, 0n)).toThrow(RangeError);
  });

  it('is ceil(a·b/d) and differs from mulDiv by at most one', () => {
    fc.assert(
      fc.property(uint256, uint256, positiveUint256, (a, b, d) => {
        fc.pre((a * b) / d < MAX_UINT256);
        const up = mulDivRoundingUp(a, b, d);
        const down = mulDiv(a, b, d);
        expect(up - down).toBe((a * b) % d === 0n ? 0n : 1n);
        expect((up - 1n) * d < a * b && a * b <= up * d).toBe(true);
      }),
    );
  });
});
