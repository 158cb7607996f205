import { LRUCache } from 'lru-cache';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type * as TE from 'fp-ts/TaskEither';
import type { Logger } from '../../services/ports/logger';
import type { Metrics } from '../metrics';
import type { CacheStats, MonitoredCache } from './cache';
import type { Cache, CacheCodec } from '../../services/ports/cache';
import { deserializeValue, serializeValue } from './json-value';
import { makeSingleFlight } from '../../services/single-flight';
import type { L1Copies } from './l1-copies';
import type { RawStore } from './store';

/** The key's first segment (`portfolio:1329:0x…` → `portfolio`): the metrics label, a small set named by the code. */
const keyspaceOf = (key: string): string => {
  const end = key.indexOf(':');
  return end > 0 ? key.slice(0, end) : 'other';
};

export interface CacheDeps {
  readonly logger: Logger;
  readonly metrics?: Metrics;
  /** Used while `primary` is down, so requests keep working (degraded, per process). */
  readonly fallback?: RawStore;
  /** In-process copies of hot key spaces in front of a shared primary (read with its TTL, dropped on change). */
  readonly l1?: L1Copies;
}

/**
 * A cache over a primary store (Redis or memory), falling back to `fallback` while the primary is down.
 * Every failure becomes a miss; get-or-compute is single-flight per key within the process.
 */
export const makeCache = (primary: RawStore, deps: CacheDeps): MonitoredCache => {
  const flights = makeSingleFlight();
  // The last decoded value per key with the exact text it came from: a hot key is parsed and decoded once, not per read.
  // Values are shared between callers, which treat them as immutable (every type here is readonly).
  const decodedMemo = new LRUCache<string, { text: string; codec: unknown; value: unknown }>({ max: 1000 });
  const counts = { hits: 0, misses: 0, errors: 0 };
  const count = (key: string, outcome: 'hit' | 'miss' | 'error') => {
    counts[outcome === 'hit' ? 'hits' : outcome === 'miss' ? 'misses' : 'errors'] += 1;
    deps.metrics?.cacheRequests.inc({ cache: primary.kind, keyspace: keyspaceOf(key), outcome });
  };
  const active = (): RawStore => (primary.isUp() || deps.fallback === undefined ? primary : deps.fallback);

  const getRaw = async (key: string): Promise<string | null> => {
    try {
      return await active().get(key);
    } catch (cause) {
      count(key, 'error');
      deps.logger.warn('cache read failed', { key, cause });
      return null;
    }
  };

  /** The value `text` holds for `codec`, parsed and decoded once per distinct text. */
  const decodeText = <A>(key: string, text: string, codec: CacheCodec<A>): O.Option<A> => {
    const memo = decodedMemo.get(key);
    if (memo !== undefined && memo.text === text && memo.codec === codec) {
      count(key, 'hit');
      return O.some(memo.value as A);
    }
    const decoded = codec.decode(deserializeValue(text));
    if (E.isLeft(decoded)) {
      count(key, 'miss');
      deps.logger.warn('cached value did not decode; treated as a miss', { key });
      return O.none;
    }
    count(key, 'hit');
    decodedMemo.set(key, { text, codec, value: decoded.right });
    return O.some(decoded.right);
  };

  /** Through the L1: its copy when it has a live one, else the shared value with its TTL, kept for next time. */
  const getThroughL1 = async <A>(l1: L1Copies, getWithTtl: NonNullable<RawStore['getWithTtl']>, key: string, codec: CacheCodec<A>): Promise<O.Option<A>> => {
    const copy = l1.read(key, codec);
    if (copy !== undefined) {
      count(key, 'hit');
      return O.some(copy.value as A);
    }
    const mark = l1.mark();
    let raw: { readonly text: string; readonly ttlMs: number } | null;
    try {
      raw = await getWithTtl(key);
    } catch (cause) {
      count(key, 'error');
      deps.logger.warn('cache read failed', { key, cause });
      raw = null;
    }
    if (raw === null) {
      count(key, 'miss');
      return O.none;
    }
    const value = decodeText<A>(key, raw.text, codec);
    if (O.isSome(value)) l1.keep(key, codec, value.value, raw, mark);
    return value;
  };

  const get: Cache['get'] = (key, codec) => async () => {
    const { l1 } = deps;
    if (l1 !== undefined && primary.getWithTtl !== undefined && primary.isUp() && l1.holds(key)) return getThroughL1(l1, primary.getWithTtl, key, codec);
    const text = await getRaw(key);
    if (text === null) {
      count(key, 'miss');
      return O.none;
    }
    return decodeText(key, text, codec);
  };

  const changed = (key: string) => {
    if (deps.l1?.holds(key) === true) deps.l1.changed(key);
  };

  const set: Cache['set'] = (key, value, ttlSeconds, codec) => async () => {
    try {
      await active().set(key, serializeValue(codec.encode(value)), ttlSeconds);
      changed(key);
    } catch (cause) {
      count(key, 'error');
      deps.logger.warn('cache write failed', { key, cause });
    }
  };

  const del: Cache['delete'] = (key) => async () => {
    try {
      await active().delete(key);
      changed(key);
    } catch (cause) {
      count(key, 'error');
      deps.logger.warn('cache delete failed', { key, cause });
    }
  };

  const getOrCompute = <Err, A>(key: string, ttlSeconds: number, codec: Parameters<Cache['get']>[1], compute: TE.TaskEither<Err, A>): TE.TaskEither<Err, A> =>
    () =>
      flights.run(key, async (): Promise<E.Either<Err, A>> => {
        const cached = await get(key, codec)();
        if (O.isSome(cached)) return E.right(cached.value as A);
        const result = await compute();
        if (E.isRight(result)) await set(key, result.right, ttlSeconds, codec)();
        return result;
      });

  const stats = (): CacheStats => ({
    kind: deps.fallback === undefined ? primary.kind : 'redis+memory-fallback',
    ...counts,
    ...(active().size === undefined ? {} : { size: active().size?.() }),
    backendUp: primary.isUp(),
  });

  return { get, set, delete: del, getOrCompute: getOrCompute as Cache['getOrCompute'], ping: () => primary.ping(), stats };
};
