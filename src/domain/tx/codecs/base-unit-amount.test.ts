import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { baseUnits, positiveUint256 } from '../../../../tests/support/arbitraries';
import { AmountOrMaxCodec, BaseUnitAmount, UINT256_LIMIT } from './base-unit-amount';

const decoded = (u: unknown) => BaseUnitAmount.decode(u);

describe('BaseUnitAmount', () => {
  it('decodes the decimal string of every uint256 from 1 up to 2^256 − 1 back to the same bigint, and encodes it back to the same string', () => {
    fc.assert(
      fc.property(positiveUint256, (amount) => {
        expect(decoded(amount.toString())).toEqual(E.right(amount));
        expect(BaseUnitAmount.encode(amount)).toBe(amount.toString());
      }),
    );
    expect(decoded((UINT256_LIMIT - 1n).toString())).toEqual(E.right(UINT256_LIMIT - 1n));
  });

  it('refuses 2^256 and everything above it', () => {
    fc.assert(fc.property(baseUnits(300, UINT256_LIMIT), (amount) => expect(E.isLeft(decoded(amount.toString()))).toBe(true)));
  });

  it('refuses JSON numbers, zero, signs, points, exponents, hex, leading zeros and surrounding junk', () => {
    fc.assert(
      fc.property(
        positiveUint256,
        fc.constantFrom((s: string) => `-${s}`, (s: string) => `+${s}`, (s: string) => `${s}.0`, (s: string) => `${s}e1`, (s: string) => `0${s}`, (s: string) => ` ${s}`, (s: string) => `${s}\n`, (s: string) => `0x${s}`, (s: string) => `${s}n`),
        (amount, spoil) => expect(E.isLeft(decoded(spoil(amount.toString())))).toBe(true),
      ),
    );
    fc.assert(fc.property(fc.integer({ min: 1 }), (n) => expect(E.isLeft(decoded(n))).toBe(true)));
    for (const bad of ['0', '', '00', '1,000', '١٢', null, undefined, true, [], {}, 1n]) expect([bad, E.isLeft(decoded(bad))]).toEqual([bad, true]);
  });

  it('names what it expects in the failure', () => {
    const result = decoded('1.5');
    expect(E.isLeft(result) ? result.left[0]?.message : undefined).toBe(
      'a base-unit amount: a decimal string of a positive integer below 2^256, without sign, point, exponent or leading zeros',
    );
  });
});

describe('AmountOrMaxCodec', () => {
  it('takes "max" or a base-unit amount, and nothing else ("MAX", "all", numbers)', () => {
    expect(AmountOrMaxCodec.decode('max')).toEqual(E.right('max'));
    fc.assert(fc.property(positiveUint256, (amount) => expect(AmountOrMaxCodec.decode(amount.toString())).toEqual(E.right(amount))));
    for (const bad of ['MAX', 'Max', 'all', ' max', 0, '0']) expect([bad, E.isLeft(AmountOrMaxCodec.decode(bad))]).toEqual([bad, true]);
  });
});
