export type CheckStatus = 'up' | 'down' | 'not_configured';

/** A dependency probe; it must answer within a couple of seconds and never throw. */
export type HealthCheck = () => Promise<CheckStatus>;

export interface HealthChecks {
  readonly database: HealthCheck;
  readonly cache: HealthCheck;
  readonly rpc: HealthCheck;
  readonly openai: HealthCheck;
}

export type HealthStatus = 'healthy' | 'degraded' | 'unhealthy';

export interface HealthReport {
  readonly status: HealthStatus;
  readonly checks: Readonly<Record<keyof HealthChecks, CheckStatus>>;
}

const withTimeout = (check: HealthCheck, ms: number): Promise<CheckStatus> =>
  new Promise((resolve) => {
    const timer = setTimeout(() => resolve('down'), ms);
    check()
      .then(resolve, () => resolve('down'))
      .finally(() => clearTimeout(timer));
  });

/** Runs every check in parallel: the database down is unhealthy; anything else down is degraded. */
export const checkHealth = async (checks: HealthChecks, timeoutMs = 2000): Promise<HealthReport> => {
  const [database, cache, rpc, openai] = await Promise.all([
    withTimeout(checks.database, timeoutMs),
    withTimeout(checks.cache, timeoutMs),
    withTimeout(checks.rpc, timeoutMs),
    withTimeout(checks.openai, timeoutMs),
  ]);
  const all = { database, cache, rpc, openai };
  const status: HealthStatus = database === 'down' ? 'unhealthy' : Object.values(all).includes('down') ? 'degraded' : 'healthy';
  return { status, checks: all };
};
