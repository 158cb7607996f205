import * as E from 'fp-ts/Either';
import { ContractFunctionZeroDataError } from 'viem';
import { decodeReadResult, optionalDecimals } from './decode-read-result';
import { AbiSmallInt, AbiUint, abiMembers } from './read-value-codecs';
import { EvmAddressCodec } from '../../domain/address/evm-address';

const Slot0 = abiMembers(2, { sqrtPriceX96: [0, AbiUint], tick: [1, AbiSmallInt] });
const messageOf = <A>(result: E.Either<Error, A>): string => (E.isLeft(result) ? result.left.message : 'decoded');

describe('decodeReadResult', () => {
  it('decodes the members of a multi-value answer by their index', () => {
    expect(decodeReadResult(Slot0, 'slot0')({ ok: true, value: [79228162514264337593543950336n, -887272, 3, true] })).toEqual(
      E.right({ sqrtPriceX96: 79228162514264337593543950336n, tick: -887272 }),
    );
  });

  it('checksums addresses', () => {
    expect(decodeReadResult(EvmAddressCodec, 'token0')({ ok: true, value: '0xde0b295669a9fd93d5f28d9ec85e40f4cb697bae' })).toEqual(
      E.right('0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe'),
    );
  });

  it('names the read and viem’s one-line reason when the call failed', () => {
    const failed = decodeReadResult(AbiUint, 'balanceOf')({ ok: false, error: new ContractFunctionZeroDataError({ functionName: 'balanceOf' }) });
    expect(messageOf(failed)).toBe('balanceOf failed: The contract function "balanceOf" returned no data ("0x").');
    expect(messageOf(decodeReadResult(AbiUint, 'balanceOf')(undefined))).toBe('balanceOf failed: no result');
  });

  it('names the read and the first wrong value when the answer has another shape', () => {
    expect(messageOf(decodeReadResult(Slot0, 'slot0')({ ok: true, value: [1n] }))).toBe('slot0: unexpected answer (not at least 2 values)');
    expect(messageOf(decodeReadResult(Slot0, 'slot0')({ ok: true, value: [1n, 1.5] }))).toBe('slot0: unexpected answer (value 1 is not int48)');
    expect(messageOf(decodeReadResult(AbiUint, 'totalSupply')({ ok: true, value: -1n }))).toBe('totalSupply: unexpected answer (not uint)');
  });

  it('refuses more than 36 decimals, as uint8 or as a struct member', () => {
    expect([18, 36, 37, 18n, 255n, '18'].map((value) => optionalDecimals({ ok: true, value }))).toEqual([18, 36, undefined, 18, undefined, undefined]);
  });
});
