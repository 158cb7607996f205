import fc from 'fast-check';
import { baseUnits, signedBaseUnits, tokenDecimals } from '../../../tests/support/arbitraries';
import { parseUnits } from 'viem';
import { formatUnitsExact } from './format-units-exact';

describe('formatUnitsExact', () => {
  it('prints whole amounts without a fractional part', () => {
    expect(formatUnitsExact(1500000000000000000000n, 18)).toBe('1500');
  });

  it('prints the smallest unit with every leading zero', () => {
    expect(formatUnitsExact(1n, 6)).toBe('0.000001');
  });

  it('drops trailing zeros of the fraction', () => {
    expect(formatUnitsExact(1230000n, 6)).toBe('1.23');
  });

  it('keeps the sign of negative amounts', () => {
    expect(formatUnitsExact(-1500000n, 6)).toBe('-1.5');
  });

  it('prints raw integers when decimals is 0', () => {
    expect(formatUnitsExact(42n, 0)).toBe('42');
    expect(formatUnitsExact(0n, 18)).toBe('0');
  });

  it('prints a uint256-max balance exactly', () => {
    expect(formatUnitsExact(2n ** 256n - 1n, 18)).toBe(
      '115792089237316195423570985008687907853269984665640564039457.584007913129639935',
    );
  });

  it('round-trips through viem parseUnits for any amount and decimals', () => {
    fc.assert(
      fc.property(signedBaseUnits(256), tokenDecimals(), (amount, decimals) => {
        expect(parseUnits(formatUnitsExact(amount, decimals), decimals)).toBe(amount);
      }),
    );
  });

  it('never ends with a trailing zero after the decimal point', () => {
    fc.assert(
      fc.property(baseUnits(200), tokenDecimals().filter((d) => d > 0), (amount, decimals) => {
        expect(formatUnitsExact(amount, decimals)).not.toMatch(/\.\d*0$/);
      }),
    );
  });
});
