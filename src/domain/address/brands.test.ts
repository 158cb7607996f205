import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import { getAddress, toHex } from 'viem';
import { addressBytes } from '../../../tests/support/arbitraries';
import { ChainIdCodec } from './chain-id';
import { parseTokenAddress, TokenKeyCodec } from './token-address';
import { TokenAmountCodec, tokenAmountOf, unitsOf } from './token-amount';
import { TxHashCodec } from './tx-hash';

describe('the brands', () => {
  it('TokenAddress: any letter case decodes to the EIP-55 form, which decodes to itself', () => {
    fc.assert(
      fc.property(addressBytes, (bytes) => {
        const lower = toHex(bytes);
        const parsed = parseTokenAddress(lower);
        expect(parsed).toEqual(E.right(getAddress(lower)));
        expect(E.isRight(parsed) ? parseTokenAddress(parsed.right) : parsed).toEqual(parsed);
      }),
    );
    expect(parseTokenAddress('0x123')).toEqual(E.left('0x123'));
    expect([TokenKeyCodec.decode('native'), TokenKeyCodec.decode('sei')].map(E.isRight)).toEqual([true, false]);
  });

  it('TokenAmount: base units round-trip through the decimal string; no sign, no fraction, no leading zero', () => {
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), (units) => expect(unitsOf(tokenAmountOf(units))).toBe(units)));
    expect(['1500000000000000000000', '0', '-1', '1.5', '01', '1e18', ''].map((s) => E.isRight(TokenAmountCodec.decode(s)))).toEqual([true, true, false, false, false, false, false]);
    expect(tokenAmountOf(-25n)).toBe('25');
  });

  it('TxHash: 64 hex digits, lowercased', () => {
    const hash = `0x${'AB'.repeat(32)}`;
    expect(TxHashCodec.decode(hash)).toEqual(E.right(hash.toLowerCase()));
    expect([`0x${'a'.repeat(63)}`, 'ab'.repeat(33)].map((s) => E.isRight(TxHashCodec.decode(s)))).toEqual([false, false]);
  });

  it('ChainId: a positive safe integer', () => {
    expect([1329, 1328, 0, -1, 1.5, Number.MAX_SAFE_INTEGER + 1].map((n) => E.isRight(ChainIdCodec.decode(n)))).toEqual([true, true, false, false, false, false]);
  });
});
