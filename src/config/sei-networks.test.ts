import { getAddress } from 'viem';
import { seiNetworks } from './sei-networks';

/** Every 0x…40-hex string anywhere in `value`. */
const addressesIn = (value: unknown): ReadonlyArray<string> => {
  if (typeof value === 'string') return /^0x[0-9a-fA-F]{40}$/.test(value) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap(addressesIn);
  return value !== null && typeof value === 'object' ? Object.values(value).flatMap(addressesIn) : [];
};

describe('the built-in Sei networks', () => {
  it('write every token and protocol address in its EIP-55 form (the code compares them as written)', () => {
    const addresses = addressesIn(seiNetworks);
    expect(addresses.length).toBeGreaterThan(15);
    expect(addresses.filter((a) => getAddress(a) !== a)).toEqual([]);
  });

  it('list WSEI, the wrapped native coin, among the mainnet tokens', () => {
    const { wrappedNative, tokens } = seiNetworks.mainnet;
    expect(tokens.find((t) => t.address === wrappedNative)?.symbol).toBe('WSEI');
  });
});
