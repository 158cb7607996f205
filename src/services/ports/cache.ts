import type * as t from 'io-ts';
import type * as O from 'fp-ts/Option';
import type * as T from 'fp-ts/Task';
import type * as TE from 'fp-ts/TaskEither';

/** Decodes a cached JSON value on read; a value that fails to decode is a miss. */
export type CacheCodec<A> = t.Type<A, unknown, unknown>;

/**
 * The cache port services use (shared by every worker when it lives in Redis). Reads and writes never fail: a broken
 * backend degrades to misses. Values round-trip as bigint-safe JSON and are decoded with the caller's codec.
 * Filled by infra/cache/make-cache.ts.
 */
export interface Cache {
  readonly get: <A>(key: string, codec: CacheCodec<A>) => T.Task<O.Option<A>>;
  readonly set: <A>(key: string, value: A, ttlSeconds: number, codec: CacheCodec<A>) => T.Task<void>;
  readonly delete: (key: string) => T.Task<void>;
  /** Returns the cached value or runs `compute` once for all concurrent callers of the key, then caches its success. */
  readonly getOrCompute: <E, A>(key: string, ttlSeconds: number, codec: CacheCodec<A>, compute: TE.TaskEither<E, A>) => TE.TaskEither<E, A>;
}
