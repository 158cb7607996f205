import * as t from 'io-ts';
import { describeCodec } from '../../codecs/describe-codec';

/** Keys naming the acting wallet: the token names it, never the body (API.md). */
const WALLET_KEYS = new Set(['wallet', 'from']);

/** An object with no key outside `known`; each other key is its own failure. */
const onlyKeys = (known: ReadonlySet<string>) =>
  describeCodec(
    new t.Type<object, object, unknown>(
      'KnownFieldsOnly',
      (u): u is object => typeof u === 'object' && u !== null && Object.keys(u).every((key) => known.has(key)),
      (u, c) => {
        if (typeof u !== 'object' || u === null || Array.isArray(u)) return t.failure(u, c, 'a JSON object');
        const extra = Object.entries(u as Record<string, unknown>).filter(([key]) => !known.has(key));
        if (extra.length === 0) return t.success(u);
        return t.failures(
          extra.map(([key, value]) => ({
            value,
            context: [...c, { key, type: t.never, actual: value }],
            message: WALLET_KEYS.has(key) ? 'no such field: the signed-in wallet (the token) is the one acting' : 'no such field',
          })),
        );
      },
      (a) => a,
    ),
    { type: 'object', propertyNames: { enum: [...known] } },
  );

/**
 * A prepare body: exactly the `required` and `optional` fields. Any other key is refused (400) — `wallet` and `from`
 * with a message saying the signed-in wallet acts — so a client never believes a field it sent was used.
 */
export const txBody = <R extends t.Props, O extends t.Props>(required: R, optional: O) =>
  t.intersection([onlyKeys(new Set([...Object.keys(required), ...Object.keys(optional)])), t.type(required), t.partial(optional)]);
