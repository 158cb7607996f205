import * as E from 'fp-ts/Either';
import { makeMemoryNonceStore } from './memory-nonce-store';

describe('makeMemoryNonceStore', () => {
  it('consumes a nonce exactly once, and not after it expired', async () => {
    let now = 1_000_000;
    const store = makeMemoryNonceStore({ maxEntries: 10, now: () => now });
    await store.put('a', 60)();
    await store.put('b', 60)();
    expect(await store.consume('a')()).toEqual(E.right(true));
    expect(await store.consume('a')()).toEqual(E.right(false));
    now += 60_000;
    expect(await store.consume('b')()).toEqual(E.right(false));
    expect(await store.consume('never')()).toEqual(E.right(false));
  });

  it('drops the oldest nonces beyond its bound', async () => {
    const store = makeMemoryNonceStore({ maxEntries: 2, now: () => 0 });
    for (const n of ['a', 'b', 'c']) await store.put(n, 60)();
    expect([await store.consume('a')(), await store.consume('b')(), await store.consume('c')()]).toEqual([E.right(false), E.right(true), E.right(true)]);
  });
});
