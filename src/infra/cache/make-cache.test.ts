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
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const compute = async () => {
      runs += 1;
      await gate;
      return { _tag: 'Right' as const, right: { n: 7, big: 1n } };
    };
    // All ten ask while the first computation is held open at the gate.
    const pending = Promise.all(Array.from({ length: 10 }, () => cache.getOrCompute('c', 60, Value, compute)()));
    release();
    const results = await pending;
    expect(runs).toBe(1);
    expect(results.every((r) => r._tag === 'Right' && r.right.n === 7)).toBe(true);
  });

  it('keeps an entry until its TTL has passed on the store clock, then misses', async () => {
    let nowMs = 1_000_000;
    const cache = makeCache(makeMemoryStore(10, () => nowMs), { logger: makeSilentLogger() });
    await cache.set('k', { n: 1, big: 1n }, 2, Value)();
    nowMs += 2000;
    expect(await cache.get('k', Value)()).toEqual(O.some({ n: 1, big: 1n }));
    nowMs += 1;
    expect(await cache.get('k', Value)()).toEqual(O.none);
  });
});
