import * as t from 'io-ts';
import type { Address } from 'viem';
import { WalletAddressCodec } from '../../address/wallet-address';
import { describeCodec } from '../../codecs/describe-codec';
import { UINT256_LIMIT } from './base-unit-amount';

export const DEFAULT_SLIPPAGE_BPS = 50;
export const MAX_SLIPPAGE_BPS = 5000;

/** An integer from `min` to `max` (a JSON number; a string or a fraction is refused). */
export const integerIn = (name: string, min: number, max: number) =>
  describeCodec(
    new t.Type<number, number, unknown>(
      name,
      (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max,
      (u, c) => (typeof u === 'number' && Number.isInteger(u) && u >= min && u <= max ? t.success(u) : t.failure(u, c, `an integer from ${min} to ${max}`)),
      (n) => n,
    ),
    { type: 'integer', minimum: min, maximum: max },
  );

/** Slippage tolerance in basis points, 0–5000 (API.md: default 50, see DEFAULT_SLIPPAGE_BPS). */
export const SlippageBps = integerIn('SlippageBps', 0, MAX_SLIPPAGE_BPS);

/** The share of a position to remove, 1–100. */
export const Percent = integerIn('Percent', 1, 100);

const DECIMAL = /^(0|[1-9][0-9]{0,77})$/;

/** An NFT id as a decimal string ("12345"), below 2^256. */
export const TokenIdString = describeCodec(
  new t.Type<bigint, string, unknown>(
    'TokenId',
    (u): u is bigint => typeof u === 'bigint' && u >= 0n && u < UINT256_LIMIT,
    (u, c) => {
      if (typeof u !== 'string' || !DECIMAL.test(u)) return t.failure(u, c, 'a token id: a decimal string');
      const id = BigInt(u);
      return id < UINT256_LIMIT ? t.success(id) : t.failure(u, c, 'a token id below 2^256');
    },
    (id) => id.toString(),
  ),
  { type: 'string', pattern: '^(0|[1-9][0-9]{0,77})$', description: 'an NFT id, decimal' },
);

/**
 * A 0x token address in one letter case or with a valid EIP-55 checksum, checksummed on the way in (the same rule as
 * wallet addresses); whether the registry knows it is the planner's 422 UNKNOWN_ASSET.
 */
export const TokenAddressField = describeCodec(
  new t.Type<Address, string, unknown>(
    'TokenAddress',
    (u): u is Address => WalletAddressCodec.is(u),
    (u, c) => WalletAddressCodec.validate(u, c),
    (a) => a,
  ),
  { type: 'string', pattern: '^0x[0-9a-fA-F]{40}$', description: 'a registry token address' },
);
