import type { CheckStatus, HealthCheck } from './health';

/** Wraps a health probe so it runs at most once per `ttlMs` (an RPC is not pinged on every /health call). */
export const makeCachedProbe = (probe: HealthCheck, ttlMs: number): HealthCheck => {
  let last: { at: number; status: Promise<CheckStatus> } | undefined;
  return () => {
    if (last === undefined || Date.now() - last.at > ttlMs) {
      last = { at: Date.now(), status: probe().catch((): CheckStatus => 'down') };
    }
    return last.status;
  };
};
