import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import { getAddress } from 'viem';
import { classifyAddressInput, parseWalletAddress } from './wallet-address';

describe('wallet addresses', () => {
  const checksummed = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

  it('checksums lower- and upper-case input', () => {
    expect(parseWalletAddress(checksummed.toLowerCase())).toEqual(E.right(checksummed));
    expect(parseWalletAddress(`0x${checksummed.slice(2).toUpperCase()}`)).toEqual(E.right(checksummed));
  });

  it('rejects a mixed-case address whose checksum is wrong', () => {
    expect(E.isLeft(parseWalletAddress('0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'))).toBe(true);
  });

  it('classifies sei1, 0x and garbage', () => {
    expect(classifyAddressInput('sei1qy352eufqy352eufqy352eufqy352eufs8zd3m').kind).toBe('sei');
    expect(classifyAddressInput(checksummed)).toEqual({ kind: 'evm', address: checksummed });
    expect(classifyAddressInput('hello')).toEqual({ kind: 'invalid' });
    expect(classifyAddressInput('0x1234')).toEqual({ kind: 'invalid' });
    expect(classifyAddressInput('sei1INVALIDb')).toEqual({ kind: 'invalid' });
  });

  it('round-trips any 20 bytes through any letter case', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 20, maxLength: 20 }), fc.boolean(), (bytes, upper) => {
        const hex = Buffer.from(bytes).toString('hex');
        const input = `0x${upper ? hex.toUpperCase() : hex}`;
        expect(parseWalletAddress(input)).toEqual(E.right(getAddress(`0x${hex}`)));
      }),
    );
  });
});
