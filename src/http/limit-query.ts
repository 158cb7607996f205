import * as t from 'io-ts';
import { describeCodec } from '../domain/codecs/describe-codec';

/** A `limit` query parameter: a decimal integer from 1 to `max`, as a string of at most three digits. */
export const limitFromString = (max: number): t.Type<number, string, unknown> =>
  describeCodec(
    new t.Type<number, string, unknown>(
      `integer from 1 to ${max}`,
      (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= max,
      (u, c) => {
        const n = typeof u === 'string' && /^\d{1,3}$/.test(u) ? Number(u) : NaN;
        return Number.isInteger(n) && n >= 1 && n <= max ? t.success(n) : t.failure(u, c);
      },
      String,
    ),
    { type: 'string', pattern: '^[0-9]{1,3}$', description: `integer from 1 to ${max}` },
  );
