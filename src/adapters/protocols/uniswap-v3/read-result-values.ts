import { getAddress, isAddress, type Address } from 'viem';
import { valueOf, type ReadResult } from '../../chain/read-plan';

// Decoders for multicall results (typed `unknown` by the engine). Each throws naming the read, which the engine
// turns into this source's warning: a wrong shape means a wrong contract at a configured address.

/** A successful read's uint value. */
export const bigintOf = (result: ReadResult | undefined, what: string): bigint => {
  const value = valueOf(result, what);
  if (typeof value !== 'bigint') throw new Error(`${what} answered ${String(value)}, not an integer`);
  return value;
};

/** A successful read's address value, checksummed. */
export const addressOf = (result: ReadResult | undefined, what: string): Address => {
  const value = valueOf(result, what);
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) throw new Error(`${what} answered ${String(value)}, not an address`);
  return getAddress(value);
};

/** A successful read's multi-value answer, with at least `length` members. */
export const tupleOf = (result: ReadResult | undefined, what: string, length: number): ReadonlyArray<unknown> => {
  const value = valueOf(result, what);
  if (!Array.isArray(value) || value.length < length) throw new Error(`${what} answered an unexpected shape`);
  return value;
};

/** Member `index` of a decoded tuple as a bigint (uint/int wider than 48 bits). */
export const bigintAt = (tuple: ReadonlyArray<unknown>, index: number, what: string): bigint => {
  const value = tuple[index];
  if (typeof value !== 'bigint') throw new Error(`${what}[${index}] is not an integer`);
  return value;
};

/** Member `index` of a decoded tuple as a number (uint/int up to 48 bits: fee, tick). */
export const numberAt = (tuple: ReadonlyArray<unknown>, index: number, what: string): number => {
  const value = tuple[index];
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`${what}[${index}] is not a small integer`);
  return value;
};

/** Member `index` of a decoded tuple as a checksummed address. */
export const addressAt = (tuple: ReadonlyArray<unknown>, index: number, what: string): Address => {
  const value = tuple[index];
  if (typeof value !== 'string' || !isAddress(value, { strict: false })) throw new Error(`${what}[${index}] is not an address`);
  return getAddress(value);
};

/** A number, or null when it is not finite (a price at an extreme tick may overflow). */
export const finiteOrNull = (value: number): number | null => (Number.isFinite(value) ? value : null);
