import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';

/** A decimal integer given as an environment string, e.g. "8000". */
export const IntFromEnv = new t.Type<number, string, unknown>(
  'integer',
  (u): u is number => typeof u === 'number' && Number.isInteger(u),
  (u, c) =>
    pipe(
      t.string.validate(u, c),
      E.flatMap((s) => (/^-?\d+$/.test(s.trim()) ? t.success(Number(s.trim())) : t.failure(u, c))),
    ),
  String,
);

/** A strictly positive integer. */
export const PositiveIntFromEnv = new t.Type<number, string, unknown>(
  'positive integer',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u > 0,
  (u, c) => pipe(IntFromEnv.validate(u, c), E.flatMap((n) => (n > 0 ? t.success(n) : t.failure(u, c)))),
  String,
);

/** A non-negative integer (0 allowed). */
export const NonNegativeIntFromEnv = new t.Type<number, string, unknown>(
  'non-negative integer',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0,
  (u, c) => pipe(IntFromEnv.validate(u, c), E.flatMap((n) => (n >= 0 ? t.success(n) : t.failure(u, c)))),
  String,
);

/** A non-negative finite number, e.g. a ratio or a USD amount. */
export const NonNegativeNumberFromEnv = new t.Type<number, string, unknown>(
  'non-negative number',
  (u): u is number => typeof u === 'number' && Number.isFinite(u) && u >= 0,
  (u, c) =>
    pipe(
      t.string.validate(u, c),
      E.flatMap((s) => {
        const n = Number(s.trim());
        return s.trim() !== '' && Number.isFinite(n) && n >= 0 ? t.success(n) : t.failure(u, c);
      }),
    ),
  String,
);

/** A TCP port 0..65535 (0 asks the OS for a free one). */
export const PortFromEnv = new t.Type<number, string, unknown>(
  'port (0-65535)',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 0 && u <= 65535,
  (u, c) => pipe(IntFromEnv.validate(u, c), E.flatMap((n) => (n >= 0 && n <= 65535 ? t.success(n) : t.failure(u, c)))),
  String,
);

const isUrl = (s: string, protocols: ReadonlyArray<string>): boolean => {
  try {
    return protocols.includes(new URL(s).protocol);
  } catch {
    return false;
  }
};

/** A URL whose scheme is one of `protocols`. */
export const urlFromEnv = (protocols: ReadonlyArray<string>): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    `URL (${protocols.map((p) => p.replace(':', '')).join('|')})`,
    (u): u is string => typeof u === 'string' && isUrl(u, protocols),
    (u, c) => pipe(t.string.validate(u, c), E.flatMap((s) => (isUrl(s.trim(), protocols) ? t.success(s.trim()) : t.failure(u, c)))),
    (s) => s,
  );

export const HttpUrlFromEnv = urlFromEnv(['http:', 'https:']);

/** A comma-separated list of URLs, e.g. several RPC endpoints or CORS origins. */
export const urlListFromEnv = (protocols: ReadonlyArray<string>): t.Type<ReadonlyArray<string>, string, unknown> =>
  new t.Type<ReadonlyArray<string>, string, unknown>(
    `comma-separated URLs (${protocols.map((p) => p.replace(':', '')).join('|')})`,
    (u): u is ReadonlyArray<string> => Array.isArray(u) && u.every((s) => typeof s === 'string' && isUrl(s, protocols)),
    (u, c) =>
      pipe(
        t.string.validate(u, c),
        E.flatMap((s) => {
          const items = s.split(',').map((x) => x.trim()).filter((x) => x !== '');
          return items.length > 0 && items.every((x) => isUrl(x, protocols)) ? t.success(items) : t.failure(u, c);
        }),
      ),
    (xs) => xs.join(','),
  );

/** "true"/"false"/"1"/"0". */
export const BooleanFromEnv = new t.Type<boolean, string, unknown>(
  'boolean (true|false)',
  (u): u is boolean => typeof u === 'boolean',
  (u, c) =>
    pipe(
      t.string.validate(u, c),
      E.flatMap((s) => {
        const v = s.trim().toLowerCase();
        if (v === 'true' || v === '1') return t.success(true);
        if (v === 'false' || v === '0') return t.success(false);
        return t.failure(u, c);
      }),
    ),
  String,
);

/** A byte size like "1mb", "512kb" or "1048576". */
export const ByteSizeFromEnv = new t.Type<number, string, unknown>(
  'byte size (e.g. 1mb, 512kb)',
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u > 0,
  (u, c) =>
    pipe(
      t.string.validate(u, c),
      E.flatMap((s) => {
        const m = /^(\d+)\s*(b|kb|mb)?$/i.exec(s.trim());
        if (!m || m[1] === undefined) return t.failure(u, c);
        const unit = (m[2] ?? 'b').toLowerCase();
        const n = Number(m[1]) * (unit === 'mb' ? 1024 * 1024 : unit === 'kb' ? 1024 : 1);
        return n > 0 ? t.success(n) : t.failure(u, c);
      }),
    ),
  String,
);

/** A secret: at least `minLength` characters. Never has a default. */
export const secretFromEnv = (minLength: number): t.Type<string, string, unknown> =>
  new t.Type<string, string, unknown>(
    `secret of at least ${minLength} characters`,
    (u): u is string => typeof u === 'string' && u.length >= minLength,
    (u, c) => pipe(t.string.validate(u, c), E.flatMap((s) => (s.length >= minLength ? t.success(s) : t.failure(u, c)))),
    (s) => s,
  );

/** One of a fixed set of words. */
export const oneOf = <A extends string>(values: ReadonlyArray<A>): t.Type<A, string, unknown> =>
  new t.Type<A, string, unknown>(
    values.join('|'),
    (u): u is A => typeof u === 'string' && (values as ReadonlyArray<string>).includes(u),
    (u, c) =>
      pipe(
        t.string.validate(u, c),
        E.flatMap((s) => ((values as ReadonlyArray<string>).includes(s.trim()) ? t.success(s.trim() as A) : t.failure(u, c))),
      ),
    (a) => a,
  );
