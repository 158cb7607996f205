import { makeCache } from '../../infra/cache/make-cache';
import { makeMemoryStore } from '../../infra/cache/memory-store';
import { makeSilentLogger } from '../../infra/logging/logger';
import { makeCircuitBreaker } from './circuit-breaker';

const START = Date.UTC(2024, 0, 15, 12, 0, 0);

const clock = () => {
  let at = START;
  return { now: () => at, advance: (ms: number) => (at += ms) };
};

describe('makeCircuitBreaker', () => {
  it('stays closed below the failure threshold, and a success resets the count', async () => {
    const c = clock();
    const breaker = makeCircuitBreaker({ name: 't', failureThreshold: 3, openSeconds: 30, now: c.now });
    await breaker.record({ kind: 'failure' })();
    await breaker.record({ kind: 'failure' })();
    await breaker.record({ kind: 'success' })();
    await breaker.record({ kind: 'failure' })();
    await breaker.record({ kind: 'failure' })();
    expect(await breaker.check()).toEqual({ allowed: true });
    expect(breaker.snapshot()).toEqual({ openUntil: 0, consecutiveFailures: 2 });
  });

  it('opens for openSeconds after the threshold, then lets one probe through; a failed probe reopens at once', async () => {
    const c = clock();
    const breaker = makeCircuitBreaker({ name: 't', failureThreshold: 3, openSeconds: 30, now: c.now });
    for (let i = 0; i < 3; i += 1) await breaker.record({ kind: 'failure' })();
    expect(await breaker.check()).toEqual({ allowed: false, retryAfterSeconds: 30 });
    c.advance(29_500);
    expect(await breaker.check()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    c.advance(500);
    expect(await breaker.check()).toEqual({ allowed: true });
    expect(await breaker.check()).toEqual({ allowed: false, retryAfterSeconds: 1 });
    await breaker.record({ kind: 'failure' })();
    expect(await breaker.check()).toEqual({ allowed: false, retryAfterSeconds: 30 });
  });

  it('closes after a successful probe', async () => {
    const c = clock();
    const breaker = makeCircuitBreaker({ name: 't', failureThreshold: 1, openSeconds: 10, now: c.now });
    await breaker.record({ kind: 'failure' })();
    c.advance(10_000);
    expect(await breaker.check()).toEqual({ allowed: true });
    await breaker.record({ kind: 'success' })();
    expect(await breaker.check()).toEqual({ allowed: true });
    expect(await breaker.check()).toEqual({ allowed: true });
    expect(breaker.snapshot()).toEqual({ openUntil: 0, consecutiveFailures: 0 });
  });

  it('honours Retry-After on a rate limit, capped by maxRetryAfterSeconds', async () => {
    const c = clock();
    const breaker = makeCircuitBreaker({ name: 't', maxRetryAfterSeconds: 600, now: c.now });
    await breaker.record({ kind: 'rate_limited', retryAfterSeconds: 45 })();
    expect(await breaker.check()).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect(breaker.snapshot().openUntil).toBe(START + 45_000);
    c.advance(45_000);
    expect(await breaker.check()).toEqual({ allowed: true });
    await breaker.record({ kind: 'rate_limited', retryAfterSeconds: 86_400 })();
    expect(await breaker.check()).toEqual({ allowed: false, retryAfterSeconds: 600 });
  });

  it('lets another probe through when the first never reported back within the probe timeout', async () => {
    const c = clock();
    const breaker = makeCircuitBreaker({ name: 't', failureThreshold: 1, openSeconds: 5, probeTimeoutSeconds: 20, now: c.now });
    await breaker.record({ kind: 'failure' })();
    c.advance(5000);
    expect(await breaker.check()).toEqual({ allowed: true });
    c.advance(19_000);
    expect((await breaker.check()).allowed).toBe(false);
    c.advance(1000);
    expect(await breaker.check()).toEqual({ allowed: true });
  });

  it('tells whether it is open without taking the half-open probe', async () => {
    const c = clock();
    const breaker = makeCircuitBreaker({ name: 't', failureThreshold: 1, openSeconds: 10, now: c.now });
    expect(await breaker.isOpen()).toBe(false);
    await breaker.record({ kind: 'failure' })();
    expect(await breaker.isOpen()).toBe(true);
    c.advance(10_000);
    expect(await breaker.isOpen()).toBe(false);
    expect(await breaker.check()).toEqual({ allowed: true });
  });

  it('shares an open period through the cache with every breaker of the same name', async () => {
    const c = clock();
    const cache = makeCache(makeMemoryStore(100), { logger: makeSilentLogger() });
    const workerA = makeCircuitBreaker({ name: 'coingecko', shared: cache, now: c.now });
    const workerB = makeCircuitBreaker({ name: 'coingecko', shared: cache, now: c.now });
    const other = makeCircuitBreaker({ name: 'other', shared: cache, now: c.now });
    await workerA.record({ kind: 'rate_limited', retryAfterSeconds: 120 })();
    expect(await workerB.check()).toEqual({ allowed: false, retryAfterSeconds: 120 });
    expect(await other.check()).toEqual({ allowed: true });
  });
});

describe('makeCircuitBreaker with calls already out when it opens', () => {
  it('does not let a failure of a call sent before a 429 stretch the Retry-After', async () => {
    const c = clock();
    const breaker = makeCircuitBreaker({ name: 't', failureThreshold: 3, openSeconds: 30, now: c.now });
    await breaker.record({ kind: 'rate_limited', retryAfterSeconds: 20 })();
    await breaker.record({ kind: 'failure' })();
    expect(breaker.snapshot()).toEqual({ openUntil: START + 20_000, consecutiveFailures: 1 });
  });
});
