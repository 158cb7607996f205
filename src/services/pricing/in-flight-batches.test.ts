import * as E from 'fp-ts/Either';
import { makeInFlightBatches, type BatchResults } from './in-flight-batches';

const deferred = <A>() => {
  let resolve: (a: A) => void = () => undefined;
  const promise = new Promise<A>((r) => {
    resolve = r;
  });
  return { promise, resolve };
};

describe('makeInFlightBatches', () => {
  it('makes one batch for 100 concurrent loads of the same keys', async () => {
    const batches: string[][] = [];
    const gate = deferred<void>();
    const loader = makeInFlightBatches<number, string, number>(async (entries) => {
      batches.push(entries.map(([key]) => key));
      await gate.promise;
      return new Map(entries.map(([key, item]) => [key, E.right(item * 2)]));
    });
    // All 100 ask while the first batch is held open.
    const pending = Promise.all(Array.from({ length: 100 }, () => loader.load([['a', 1], ['b', 2]])));
    gate.resolve();
    const results = await pending;
    expect(batches).toEqual([['a', 'b']]);
    for (const r of results) expect([...r]).toEqual([['a', E.right(2)], ['b', E.right(4)]]);
    expect(loader.inFlight()).toBe(0);
  });

  it('joins keys already in flight and batches only the others', async () => {
    const first = deferred<BatchResults<string, string>>();
    const batches: string[][] = [];
    const loader = makeInFlightBatches<string, string, string>((entries) => {
      batches.push(entries.map(([key]) => key));
      return batches.length === 1 ? first.promise : Promise.resolve(new Map(entries.map(([key]) => [key, E.right(`second:${key}`)])));
    });
    const a = loader.load([['x', 'x'], ['y', 'y']]);
    const b = loader.load([['y', 'y'], ['z', 'z'], ['z', 'z']]);
    expect(batches).toEqual([['x', 'y'], ['z']]);
    first.resolve(new Map([['x', E.right('first:x')], ['y', E.left('down')]]));
    expect([...(await a)]).toEqual([['x', E.right('first:x')], ['y', E.left('down')]]);
    expect([...(await b)]).toEqual([['y', E.left('down')], ['z', E.right('second:z')]]);
  });

  it('loads again once a batch has settled, and leaves out keys the batch did not answer', async () => {
    let calls = 0;
    const loader = makeInFlightBatches<null, string, number>(async () => {
      calls += 1;
      return new Map([['known', E.right(calls)]]);
    });
    expect([...(await loader.load([['known', null], ['unknown', null]]))]).toEqual([['known', E.right(1)]]);
    expect([...(await loader.load([['known', null]]))]).toEqual([['known', E.right(2)]]);
  });
});
