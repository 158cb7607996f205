import * as t from 'io-ts';
import * as O from 'fp-ts/Option';
import { makeSilentLogger } from '../logging/logger';
import { makeCache } from './make-cache';
import { makeMemoryStore } from './memory-store';

describe('makeCache', () => {
  const Value = t.type({ n: t.number, big: t.bigint });

  it('decodes a hot key once and returns the same value until the stored text changes', async () => {
    const cache = makeCache(makeMemoryStore(10), { logger: makeSilentLogger() });
    await cache.set('k', { n: 1, big: 10n }, 60, Value)();
    const a = await cache.get('k', Value)();
    const b = await cache.get('k', Value)();
    expect(a).toEqual(O.some({ n: 1, big: 10n }));
    expect(O.isSome(a) && O.isSome(b) && a.value === b.value).toBe(true);
    await cache.set('k', { n: 2, big: 10n }, 60, Value)();
    expect(await cache.get('k', Value)()).toEqual(O.some({ n: 2, big: 10n }));
  });

  it('treats a stored value that does not decode as a miss', async () => {
    const cache = makeCache(makeMemoryStore(10), { logger: makeSilentLogger() });
    await cache.set('k', { other: true }, 60, t.unknown)();
    expect(await cache.get('k', Value)()).toEqual(O.none);
    expect(cache.stats().misses).toBe(1);
  });

  it('runs one computation for concurrent misses of a key', async () => {
    const cache = makeCache(makeMemoryStore(10), { logger: makeSilentLogger() });
    let runs = 0;
    const compute = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 20));
      return { _tag: 'Right' as const, right: { n: 7, big: 1n } };
    };
    const results = await Promise.all(Array.from({ length: 10 }, () => cache.getOrCompute('c', 60, Value, compute)()));
    expect(runs).toBe(1);
    expect(results.every((r) => r._tag === 'Right' && r.right.n === 7)).toBe(true);
  });
});
