import * as E from 'fp-ts/Either';
import * as t from 'io-ts';

// io-ts codecs for the values viem decodes out of a contract's answer (uintN as bigint, small ints as number,
// addresses as strings, structs as arrays). decodeReadResult runs them; a wrong shape means a wrong contract.

/** An unsigned integer: a bigint, or a safe integer number (viem decodes uint48 and smaller as numbers). */
export const AbiUint = new t.Type<bigint, bigint, unknown>(
  'uint',
  (u): u is bigint => typeof u === 'bigint' && u >= 0n,
  (u, c) => (typeof u === 'bigint' && u >= 0n ? t.success(u) : typeof u === 'number' && Number.isSafeInteger(u) && u >= 0 ? t.success(BigInt(u)) : t.failure(u, c)),
  (a) => a,
);

/** An integer of at most 48 bits, as viem decodes it (fee, tick, decimals). */
export const AbiSmallInt = new t.Type<number, number, unknown>(
  'int48',
  (u): u is number => typeof u === 'number' && Number.isInteger(u),
  (u, c) => (typeof u === 'number' && Number.isInteger(u) ? t.success(u) : t.failure(u, c)),
  (a) => a,
);

/** Decimals above 36 are not a real token: refuse them rather than format nonsense. */
const MAX_DECIMALS = 36;

/** A token's decimals (uint8 as viem gives it, or a uint from a struct), at most 36. */
export const AbiDecimals = new t.Type<number, number, unknown>(
  'decimals (at most 36)',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0 && u <= MAX_DECIMALS,
  (u, c) => {
    const value = typeof u === 'bigint' && u <= BigInt(MAX_DECIMALS) ? Number(u) : u;
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_DECIMALS ? t.success(value) : t.failure(u, c);
  },
  (a) => a,
);

type Decoded<D> = D extends t.Decoder<unknown, infer A> ? A : never;

/**
 * A multi-value answer (at least `length` values), keeping the members named in `members` by their index, e.g.
 * `abiMembers(12, { token0: [2, EvmAddressCodec], fee: [4, AbiSmallInt] })`.
 */
export const abiMembers = <P extends Record<string, readonly [number, t.Decoder<unknown, unknown>]>>(
  length: number,
  members: P,
): t.Decoder<unknown, { readonly [K in keyof P]: Decoded<P[K][1]> }> => {
  type Out = { readonly [K in keyof P]: Decoded<P[K][1]> };
  const decoder: t.Decoder<unknown, Out> = {
    name: `at least ${length} values`,
    validate: (u, c) => {
      if (!Array.isArray(u) || u.length < length) return t.failure(u, c);
      const values: ReadonlyArray<unknown> = u;
      const out: Record<string, unknown> = {};
      const errors: t.Errors = [];
      for (const [key, [index, codec]] of Object.entries(members)) {
        const member = codec.validate(values[index], t.appendContext(c, String(index), codec, values[index]));
        if (E.isLeft(member)) errors.push(...member.left);
        else out[key] = member.right;
      }
      // Every member was decoded by its own codec above.
      return errors.length > 0 ? t.failures(errors) : t.success(out as Out);
    },
    decode: (u) => decoder.validate(u, [{ key: '', type: decoder, actual: u }]),
  };
  return decoder;
};

/** What a decoder built here decodes to. */
export type DecodedBy<D> = Decoded<D>;
