import * as t from 'io-ts';

interface TokenAmountBrand {
  readonly TokenAmount: unique symbol;
}

/** A token amount in base units as a decimal string ("1500000000000000000000"): never a float, never scaled. */
export type TokenAmount = t.Branded<string, TokenAmountBrand>;

const BASE_UNITS = /^(0|[1-9][0-9]*)$/;

/** A non-negative integer written in decimal without leading zeros. */
export const TokenAmountCodec = t.brand(t.string, (s): s is TokenAmount => BASE_UNITS.test(s), 'TokenAmount');

/** The amount of `units` base units. Amounts are magnitudes (a debt is a positive amount of a borrow position): the sign is dropped. */
export const tokenAmountOf = (units: bigint): TokenAmount => {
  const text = units.toString();
  return TokenAmountCodec.is(text) ? text : tokenAmountOf(-units);
};

/** The base units an amount stands for. */
export const unitsOf = (amount: TokenAmount): bigint => BigInt(amount);
