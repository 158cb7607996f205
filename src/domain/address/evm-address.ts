import * as t from 'io-ts';
import { getAddress, isAddress, type Address } from 'viem';

const isChecksummed = (u: unknown): u is Address => typeof u === 'string' && isAddress(u, { strict: false }) && getAddress(u) === u;

/** Any 20-byte 0x address in any letter case, decoded to its EIP-55 form: contract addresses in config and chain answers. */
export const EvmAddressCodec = new t.Type<Address, string, unknown>(
  'address',
  isChecksummed,
  (u, c) => (typeof u === 'string' && isAddress(u, { strict: false }) ? t.success(getAddress(u)) : t.failure(u, c, '0x followed by 40 hex characters')),
  (a) => a,
);
