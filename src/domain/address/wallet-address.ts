import * as t from 'io-ts';
import { describeCodec } from '../codecs/describe-codec';
import * as E from 'fp-ts/Either';
import { getAddress, isAddress } from 'viem';

interface WalletAddressBrand {
  readonly WalletAddress: unique symbol;
}

/** An EIP-55 checksummed 0x address. A function that takes one never re-validates it. */
export type WalletAddress = t.Branded<`0x${string}`, WalletAddressBrand>;

const HEX_ADDRESS = /^0x[0-9a-fA-F]{40}$/;

/** Accepts 0x addresses in any letter case and checksums them; rejects bad mixed-case checksums. */
export const WalletAddressCodec = describeCodec(
  new t.Type<WalletAddress, string, unknown>(
    'WalletAddress',
    (u): u is WalletAddress => typeof u === 'string' && HEX_ADDRESS.test(u) && getAddress(u) === u,
    (u, c) => {
      if (typeof u !== 'string' || !HEX_ADDRESS.test(u.trim())) return t.failure(u, c, '0x followed by 40 hex characters');
      const s = u.trim();
      const isSingleCase = s.slice(2) === s.slice(2).toLowerCase() || s.slice(2) === s.slice(2).toUpperCase();
      if (!isSingleCase && !isAddress(s, { strict: true })) return t.failure(u, c, 'an address with a valid EIP-55 checksum');
      return t.success(getAddress(s) as WalletAddress);
    },
    (a) => a,
  ),
  { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$', description: 'EIP-55 checksummed' },
);

/** Parses a 0x address into its checksummed brand. */
export const parseWalletAddress = (input: string): E.Either<string, WalletAddress> =>
  E.mapLeft(() => input)(WalletAddressCodec.decode(input));

export type AddressInput = { readonly kind: 'evm'; readonly address: WalletAddress } | { readonly kind: 'sei'; readonly bech32: string } | { readonly kind: 'invalid' };

const BECH32_CHARSET = /^sei1[02-9ac-hj-np-z]{38,58}$/;

/** Classifies what a client sent: a 0x address, a sei1 bech32 address to resolve on chain, or garbage. */
export const classifyAddressInput = (raw: string): AddressInput => {
  const input = raw.trim();
  if (input.startsWith('0x') || input.startsWith('0X')) {
    const parsed = parseWalletAddress(`0x${input.slice(2)}`);
    return E.isRight(parsed) ? { kind: 'evm', address: parsed.right } : { kind: 'invalid' };
  }
  const lower = input.toLowerCase();
  if ((input === lower || input === input.toUpperCase()) && BECH32_CHARSET.test(lower)) return { kind: 'sei', bech32: lower };
  return { kind: 'invalid' };
};
