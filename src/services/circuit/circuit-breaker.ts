import * as O from 'fp-ts/Option';
import type * as T from 'fp-ts/Task';
import * as t from 'io-ts';
import type { Cache } from '../../infra/cache/cache';
import type { Logger } from '../../infra/logging/logger';

export type CircuitDecision = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** How a call through the circuit ended. `neutral` answers (e.g. a 404) neither trip nor close it. */
export type CallOutcome =
  | { readonly kind: 'success' }
  | { readonly kind: 'neutral' }
  | { readonly kind: 'failure' }
  | { readonly kind: 'rate_limited'; readonly retryAfterSeconds: number };

export interface CircuitBreaker {
  /** Whether a call may go out now. After an open period, one probe call is let through at a time. */
  readonly check: T.Task<CircuitDecision>;
  /** Whether calls are refused now, by this process or (through the cache) another; unlike `check`, never takes the probe. */
  readonly isOpen: T.Task<boolean>;
  /** Every call let through by `check` must be recorded, or the half-open probe stays taken until it expires. */
  readonly record: (outcome: CallOutcome) => T.Task<void>;
  /** For logs and tests: ms epoch until which calls are refused (0 when closed), and the consecutive failures. */
  readonly snapshot: () => { readonly openUntil: number; readonly consecutiveFailures: number };
}

export interface CircuitBreakerOptions {
  /** Names the shared cache key (e.g. `coingecko`, `rpc`). */
  readonly name: string;
  /** Consecutive failures (5xx, timeouts, network, bad answers) that open the circuit. */
  readonly failureThreshold?: number;
  /** How long those failures keep it open. */
  readonly openSeconds?: number;
  /** Upper bound on an upstream's Retry-After, so a wrong header cannot silence prices for a day. */
  readonly maxRetryAfterSeconds?: number;
  /** How long a half-open probe may take before another call is allowed to probe. */
  readonly probeTimeoutSeconds?: number;
  /** When given, an open period is written here so every process sharing the cache (PM2 workers over Redis) holds off too. */
  readonly shared?: Cache;
  /** Told once each time the circuit opens. */
  readonly logger?: Logger;
  readonly now?: () => number;
}

const SharedOpenUntil = t.type({ openUntil: t.number });

/**
 * A circuit breaker for one upstream. A 429 opens it for the Retry-After; `failureThreshold`
 * consecutive failures open it for `openSeconds`; after that one probe goes through, and the first
 * failure of a probe reopens it at once. Failure counts are per process; open periods are shared
 * through the cache when one is given (otherwise per process).
 */
export const makeCircuitBreaker = (options: CircuitBreakerOptions): CircuitBreaker => {
  const now = options.now ?? Date.now;
  const threshold = options.failureThreshold ?? 3;
  const openMs = (options.openSeconds ?? 30) * 1000;
  const maxRetryAfterMs = (options.maxRetryAfterSeconds ?? 3600) * 1000;
  const probeTimeoutMs = (options.probeTimeoutSeconds ?? 30) * 1000;
  const sharedKey = `circuit:v1:${options.name}`;
  let openUntil = 0;
  let consecutiveFailures = 0;
  /** Set once the circuit has opened; cleared by a success. While set, calls after the open period are probes. */
  let tripped = false;
  let probeStartedAt: number | undefined;

  const refuse = (untilMs: number): CircuitDecision => ({ allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((untilMs - now()) / 1000)) });

  const open = async (untilMs: number, why: string): Promise<void> => {
    if (untilMs <= openUntil) return;
    if (now() >= openUntil) options.logger?.warn(`${options.name} circuit open: no calls for ${Math.ceil((untilMs - now()) / 1000)} s`, { why, consecutiveFailures });
    openUntil = untilMs;
    tripped = true;
    if (options.shared !== undefined) {
      await options.shared.set(sharedKey, { openUntil }, Math.max(1, Math.ceil((openUntil - now()) / 1000)), SharedOpenUntil)();
    }
  };

  /** True while this process, or another through the shared cache, has the circuit open (adopting the other's period). */
  const isOpen: T.Task<boolean> = async () => {
    if (now() < openUntil) return true;
    if (options.shared === undefined) return false;
    const shared = await options.shared.get(sharedKey, SharedOpenUntil)();
    if (O.isNone(shared) || now() >= shared.value.openUntil) return false;
    openUntil = shared.value.openUntil;
    tripped = true;
    return true;
  };

  const check: T.Task<CircuitDecision> = async () => {
    if (await isOpen()) return refuse(openUntil);
    if (!tripped) return { allowed: true };
    if (probeStartedAt !== undefined && now() - probeStartedAt < probeTimeoutMs) return refuse(now() + 1000);
    probeStartedAt = now();
    return { allowed: true };
  };

  const record =
    (outcome: CallOutcome): T.Task<void> =>
    async () => {
      const wasProbe = probeStartedAt !== undefined;
      probeStartedAt = undefined;
      switch (outcome.kind) {
        case 'success':
          consecutiveFailures = 0;
          tripped = false;
          return;
        case 'neutral':
          return;
        case 'rate_limited':
          return open(now() + Math.min(outcome.retryAfterSeconds * 1000, maxRetryAfterMs), 'rate limited');
        case 'failure':
          consecutiveFailures += 1;
          // A call that was already out when the circuit opened does not extend it; a failed probe does.
          if (consecutiveFailures >= threshold || wasProbe) return open(now() + openMs, wasProbe ? 'probe failed' : 'consecutive failures');
          return;
      }
    };

  return { check, isOpen, record, snapshot: () => ({ openUntil: now() < openUntil ? openUntil : 0, consecutiveFailures }) };
};
