import * as E from 'fp-ts/Either';
import * as fc from 'fast-check';
import { keccak256, toBytes } from 'viem';
import { addressBytes } from '../../../tests/support/arbitraries';
import { classifyAddressInput, parseWalletAddress } from './wallet-address';

/** The test vectors of EIP-55 itself (all caps, all lower, and mixed "normal" cases). */
const EIP55_VECTORS = [
  '0x52908400098527886E0F7030069857D2E4169EE7',
  '0x8617E340B3D01FA5F11F306F4090FD50E238070D',
  '0xde709f2102306220921060314715629080e2fb77',
  '0x27b1fdb04752bbc536007a920d24acb045561c26',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359',
  '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB',
  '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb',
] as const;

/**
 * EIP-55 written out from the EIP, as the test's own oracle: hash the 40 lowercase hex digits as ASCII with
 * Keccak-256; a letter is upper case exactly where the hash's nibble at its position is 8 or more.
 */
const eip55 = (hex40: string): string => {
  const lower = hex40.toLowerCase();
  const hash = keccak256(toBytes(lower)).slice(2);
  return `0x${[...lower].map((c, i) => (parseInt(hash[i] ?? '0', 16) >= 8 ? c.toUpperCase() : c)).join('')}`;
};

/** The address with the letter case of its first letter (a–f) flipped, or undefined when it has no letter. */
const flipFirstLetter = (address: string): string | undefined => {
  const at = [...address.slice(2)].findIndex((c) => /[a-fA-F]/.test(c));
  if (at < 0) return undefined;
  const c = address[at + 2] ?? '';
  const flipped = c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
  return `${address.slice(0, at + 2)}${flipped}${address.slice(at + 3)}`;
};

describe('wallet addresses', () => {
  const checksummed = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

  it('the hand-written EIP-55 oracle reproduces every vector of the EIP', () => {
    expect(EIP55_VECTORS.map((v) => eip55(v.slice(2)))).toEqual([...EIP55_VECTORS]);
  });

  it('checksums each EIP-55 vector from lower- or upper-case input, and accepts the vector itself', () => {
    for (const vector of EIP55_VECTORS) {
      expect(parseWalletAddress(vector.toLowerCase())).toEqual(E.right(vector));
      expect(parseWalletAddress(`0x${vector.slice(2).toUpperCase()}`)).toEqual(E.right(vector));
      expect(parseWalletAddress(vector)).toEqual(E.right(vector));
    }
  });

  it('rejects a mixed-case address whose checksum is wrong', () => {
    expect(parseWalletAddress('0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')).toEqual(E.left('0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'));
    expect(parseWalletAddress('0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359')).toEqual(E.left('0xfb6916095ca1df60bB79Ce92cE3Ea74c37c5d359'));
  });

  it('classifies sei1, 0x and garbage', () => {
    expect(classifyAddressInput('sei1qy352eufqy352eufqy352eufqy352eufs8zd3m').kind).toBe('sei');
    expect(classifyAddressInput(checksummed)).toEqual({ kind: 'evm', address: checksummed });
    expect(classifyAddressInput('hello')).toEqual({ kind: 'invalid' });
    expect(classifyAddressInput('0x1234')).toEqual({ kind: 'invalid' });
    expect(classifyAddressInput('sei1INVALIDb')).toEqual({ kind: 'invalid' });
  });

  it('checksums any 20 bytes given in one letter case exactly as EIP-55 says', () => {
    fc.assert(
      fc.property(addressBytes, fc.boolean(), (bytes, upper) => {
        const hex = Buffer.from(bytes).toString('hex');
        expect(parseWalletAddress(`0x${upper ? hex.toUpperCase() : hex}`)).toEqual(E.right(eip55(hex)));
      }),
    );
  });

  it('accepts a mixed-case address only with the EIP-55 letter case', () => {
    fc.assert(
      fc.property(addressBytes, (bytes) => {
        const good = eip55(Buffer.from(bytes).toString('hex'));
        const bad = flipFirstLetter(good);
        fc.pre(bad !== undefined && bad.slice(2) !== bad.slice(2).toLowerCase() && bad.slice(2) !== bad.slice(2).toUpperCase());
        expect(parseWalletAddress(good)).toEqual(E.right(good));
        expect(parseWalletAddress(bad)).toEqual(E.left(bad));
      }),
    );
  });
});
