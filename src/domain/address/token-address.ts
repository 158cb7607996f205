import * as t from 'io-ts';
import { describeCodec } from '../codecs/describe-codec';
import * as E from 'fp-ts/Either';
import { getAddress, isAddress, type Address } from 'viem';

interface TokenAddressBrand {
  readonly TokenAddress: unique symbol;
}

/** The EIP-55 checksummed address of a token contract. */
export type TokenAddress = t.Branded<Address, TokenAddressBrand>;

/** Accepts a 0x address in any letter case and checksums it (the chain's answers and cached JSON alike). */
const isTokenAddress = (u: unknown): u is TokenAddress => typeof u === 'string' && isAddress(u, { strict: false }) && getAddress(u) === u;

export const TokenAddressCodec = describeCodec(
  new t.Type<TokenAddress, string, unknown>(
    'TokenAddress',
    isTokenAddress,
    (u, c) => {
      const checksummed = typeof u === 'string' && isAddress(u, { strict: false }) ? getAddress(u) : undefined;
      return isTokenAddress(checksummed) ? t.success(checksummed) : t.failure(u, c, '0x followed by 40 hex characters');
    },
    (a) => a,
  ),
  { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$' },
);

/** Parses a token address into its checksummed brand; Left is the input. */
export const parseTokenAddress = (input: string): E.Either<string, TokenAddress> => E.mapLeft(() => input)(TokenAddressCodec.decode(input));

/** What a token balance is keyed by: "native" for SEI, else the token's address. */
export const TokenKeyCodec = t.union([t.literal('native'), TokenAddressCodec]);
export type TokenKey = t.TypeOf<typeof TokenKeyCodec>;
