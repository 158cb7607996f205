import type { InvalidationBus } from './invalidation-bus';
import { makeL1Copies } from './l1-copies';

/** An in-process bus: `deliver` plays a message from another worker, `live` its subscriber's state. */
const makeLocalBus = () => {
  const listeners: Array<(key: string | undefined) => void> = [];
  const state = { live: true, epoch: 0, published: [] as string[] };
  const bus: InvalidationBus = {
    publish: (key) => void state.published.push(key),
    onInvalidate: (listener) => void listeners.push(listener),
    isLive: () => state.live,
    epoch: () => state.epoch,
  };
  const deliver = (key: string | undefined) => {
    state.epoch += 1;
    listeners.forEach((l) => l(key));
  };
  return { bus, state, deliver };
};

const codec = {};
const text = (n: number) => 'x'.repeat(n);

describe('L1 copies of shared cache entries', () => {
  const setup = (maxTextBytes = 1000) => {
    const local = makeLocalBus();
    const clock = { now: 0 };
    const l1 = makeL1Copies({ keyspaces: ['portfolio'], maxEntries: 100, maxTextBytes, bus: local.bus, nowMs: () => clock.now });
    return { ...local, clock, l1 };
  };

  it('holds only the listed key spaces', () => {
    const { l1 } = setup();
    expect([l1.holds('portfolio:1:0xA'), l1.holds('prices:1'), l1.holds('portfolio')]).toEqual([true, false, false]);
  });

  it('serves a copy until its Redis TTL ran out, and only to the same codec', () => {
    const { l1, clock } = setup();
    l1.keep('portfolio:a', codec, 'v1', { text: text(10), ttlMs: 1000 }, l1.mark());
    expect(l1.read('portfolio:a', codec)).toEqual({ value: 'v1' });
    expect(l1.read('portfolio:a', {})).toBeUndefined();
    clock.now = 999;
    expect(l1.read('portfolio:a', codec)).toEqual({ value: 'v1' });
    clock.now = 1000;
    expect(l1.read('portfolio:a', codec)).toBeUndefined();
  });

  it('does not keep a read that raced an invalidation, and drops a copy another worker changed', () => {
    const { l1, deliver } = setup();
    const mark = l1.mark();
    deliver('portfolio:a'); // arrives while the Redis GET was in flight: the value read may be the old one
    l1.keep('portfolio:a', codec, 'old?', { text: text(10), ttlMs: 1000 }, mark);
    expect(l1.read('portfolio:a', codec)).toBeUndefined();
    l1.keep('portfolio:a', codec, 'v2', { text: text(10), ttlMs: 1000 }, l1.mark());
    l1.keep('portfolio:b', codec, 'b', { text: text(10), ttlMs: 1000 }, l1.mark());
    deliver('portfolio:a');
    expect([l1.read('portfolio:a', codec), l1.read('portfolio:b', codec)]).toEqual([undefined, { value: 'b' }]);
    deliver(undefined); // the subscriber reconnected: anything may have changed meanwhile
    expect(l1.read('portfolio:b', codec)).toBeUndefined();
  });

  it('is not used while the subscriber could miss an invalidation', () => {
    const { l1, state } = setup();
    l1.keep('portfolio:a', codec, 'v', { text: text(10), ttlMs: 1000 }, l1.mark());
    state.live = false;
    expect(l1.read('portfolio:a', codec)).toBeUndefined();
    l1.keep('portfolio:b', codec, 'v', { text: text(10), ttlMs: 1000 }, l1.mark());
    state.live = true;
    expect(l1.read('portfolio:b', codec)).toBeUndefined();
  });

  it('publishes a local change and drops its own copy', () => {
    const { l1, state } = setup();
    l1.keep('portfolio:a', codec, 'v', { text: text(10), ttlMs: 1000 }, l1.mark());
    l1.changed('portfolio:a');
    expect(state.published).toEqual(['portfolio:a']);
    expect(l1.read('portfolio:a', codec)).toBeUndefined();
  });

  it('stays within its bound of cached text, evicting the least recently used', () => {
    const { l1 } = setup(100);
    l1.keep('portfolio:a', codec, 'a', { text: text(60), ttlMs: 1000 }, l1.mark());
    l1.keep('portfolio:b', codec, 'b', { text: text(60), ttlMs: 1000 }, l1.mark());
    expect([l1.read('portfolio:a', codec), l1.read('portfolio:b', codec), l1.size()]).toEqual([undefined, { value: 'b' }, 1]);
  });
});
