import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import { makeCache } from '../../infra/cache/make-cache';
import { makeMemoryStore } from '../../infra/cache/memory-store';
import { makeSilentLogger } from '../../infra/logging/logger';
import { makeCircuitBreaker } from '../circuit/circuit-breaker';
import { makeRpcGuard } from './rpc-guard';

const clock = () => {
  let at = Date.UTC(2025, 0, 1);
  return { now: () => at, advance: (ms: number) => (at += ms) };
};

/** A read that counts its calls and answers what `next` says: a value, an error, or never. */
const countingRead = () => {
  let calls = 0;
  let next: 'value' | 'unavailable' | 'not-associated' | 'hang' = 'value';
  const read: TE.TaskEither<AppError, number> = () => {
    calls += 1;
    switch (next) {
      case 'value':
        return Promise.resolve(E.right(42));
      case 'unavailable':
        return Promise.resolve(E.left({ _tag: 'RpcUnavailable' }));
      case 'not-associated':
        return Promise.resolve(E.left({ _tag: 'AddressNotAssociated', input: 'sei1x' }));
      case 'hang':
        return new Promise(() => undefined);
    }
  };
  return { read, calls: () => calls, answer: (what: typeof next) => (next = what) };
};

const setup = (deadlineMs = 20) => {
  const c = clock();
  const breaker = makeCircuitBreaker({ name: 'rpc', failureThreshold: 1, openSeconds: 15, now: c.now });
  const guard = makeRpcGuard({ breaker, deadlineMs, logger: makeSilentLogger() });
  return { c, breaker, guard, upstream: countingRead() };
};

describe('makeRpcGuard', () => {
  it('answers RpcUnavailable when a read hangs past the deadline, and makes no further call while the circuit is open', async () => {
    const { guard, upstream } = setup();
    upstream.answer('hang');
    const first = await guard.guard(upstream.read)();
    expect(E.isLeft(first) && first.left._tag).toBe('RpcUnavailable');
    upstream.answer('value');
    const next = await Promise.all(Array.from({ length: 5 }, () => guard.guard(upstream.read)()));
    expect(next.map((r) => (E.isLeft(r) ? r.left._tag : r.right))).toEqual(Array(5).fill('RpcUnavailable'));
    expect(upstream.calls()).toBe(1);
  });

  it('lets one probe out after the open period; its success closes the circuit', async () => {
    const { c, guard, upstream } = setup();
    upstream.answer('unavailable');
    await guard.guard(upstream.read)();
    c.advance(14_999);
    upstream.answer('value');
    expect(E.isLeft(await guard.guard(upstream.read)())).toBe(true);
    expect(upstream.calls()).toBe(1);
    c.advance(1);
    expect(await guard.guard(upstream.read)()).toEqual(E.right(42));
    expect(await guard.guard(upstream.read)()).toEqual(E.right(42));
    expect(upstream.calls()).toBe(3);
  });

  it('does not count an answer of the chain (an address with no association) against the RPC', async () => {
    const { breaker, guard, upstream } = setup();
    upstream.answer('not-associated');
    for (let i = 0; i < 3; i++) expect(await guard.guard(upstream.read)()).toEqual(E.left({ _tag: 'AddressNotAssociated', input: 'sei1x' }));
    expect([upstream.calls(), await breaker.isOpen()]).toEqual([3, false]);
  });

  it('reports the RPC down without probing while the circuit is open, here or on another worker', async () => {
    const c = clock();
    const cache = makeCache(makeMemoryStore(100), { logger: makeSilentLogger() });
    const workerA = makeRpcGuard({ breaker: makeCircuitBreaker({ name: 'rpc', failureThreshold: 1, shared: cache, now: c.now }), deadlineMs: 20, logger: makeSilentLogger() });
    const workerB = makeRpcGuard({ breaker: makeCircuitBreaker({ name: 'rpc', failureThreshold: 1, shared: cache, now: c.now }), deadlineMs: 20, logger: makeSilentLogger() });
    let probes = 0;
    const probe = async () => {
      probes += 1;
      return 'up' as const;
    };
    expect(await workerB.health(probe)()).toBe('up');
    await workerA.guard(() => Promise.resolve(E.left<AppError, number>({ _tag: 'RpcUnavailable' })))();
    expect([await workerA.health(probe)(), await workerB.health(probe)(), probes]).toEqual(['down', 'down', 1]);
  });
});
