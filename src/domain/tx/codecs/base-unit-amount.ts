import * as t from 'io-ts';
import { describeCodec } from '../../codecs/describe-codec';

/** 2^256: every amount must be below it (a uint256). */
export const UINT256_LIMIT = 2n ** 256n;
// 2^256 − 1 has 78 digits: a longer string cannot be a uint256, so it is refused before BigInt parses it.
const CANONICAL_DECIMAL = /^[1-9][0-9]{0,77}$/;

const EXPECTED = 'a base-unit amount: a decimal string of a positive integer below 2^256, without sign, point, exponent or leading zeros';

/** A positive base-unit amount written as a decimal string ("1500000"); a JSON number, 0, "-1", "1.5", "1e6", "0x10", " 1" are refused. */
export const BaseUnitAmount = describeCodec(
  new t.Type<bigint, string, unknown>(
    'BaseUnitAmount',
    (u): u is bigint => typeof u === 'bigint' && u > 0n && u < UINT256_LIMIT,
    (u, c) => {
      if (typeof u !== 'string' || !CANONICAL_DECIMAL.test(u)) return t.failure(u, c, EXPECTED);
      const amount = BigInt(u);
      return amount < UINT256_LIMIT ? t.success(amount) : t.failure(u, c, EXPECTED);
    },
    (a) => a.toString(),
  ),
  { type: 'string', pattern: '^[1-9][0-9]{0,77}$', description: 'base units, a decimal string of a positive integer below 2^256' },
);

/** "max": the whole balance, debt or withdrawable amount, as the action defines it (API.md). */
export type AmountOrMax = bigint | 'max';

/** A BaseUnitAmount or the literal "max" (for the actions API.md allows it on). */
export const AmountOrMaxCodec = describeCodec(
  new t.Type<AmountOrMax, string, unknown>(
    'AmountOrMax',
    (u): u is AmountOrMax => u === 'max' || BaseUnitAmount.is(u),
    (u, c) => (u === 'max' ? t.success('max') : BaseUnitAmount.validate(u, c)),
    (a) => (a === 'max' ? 'max' : a.toString()),
  ),
  { anyOf: [{ type: 'string', pattern: '^[1-9][0-9]{0,77}$' }, { const: 'max' }], description: 'base units (decimal string below 2^256) or "max"' },
);
