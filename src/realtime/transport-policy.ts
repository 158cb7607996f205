import type { AppConfig } from '../config/app-config';

/** How many PM2 workers CLUSTER_WORKERS asks for: "max" = one per CPU, a negative n = CPUs minus n, at least 1. */
export const workerCountOf = (clusterWorkers: string, cpus: number): number => {
  const value = clusterWorkers.trim();
  if (value === '' || value === 'max') return Math.max(1, cpus);
  const n = Number(value);
  if (!Number.isInteger(n)) return Math.max(1, cpus);
  return Math.max(1, n < 0 ? cpus + n : n);
};

export interface TransportEnvironment {
  /** NODE_APP_INSTANCE: set by PM2 for each worker of a cluster. */
  readonly appInstance: string | undefined;
  readonly clusterWorkers: string;
  readonly cpus: number;
}

/**
 * Whether Socket.IO must accept WebSocket only. HTTP long-polling sends each request of a session on a new
 * connection, and PM2's balancer (or nginx's upstream pool) hands those to any worker, which knows nothing of the
 * session: so under PM2 with more than one worker, or when configured so, only WebSocket is served.
 */
export const isWebSocketOnly = (setting: AppConfig['realtime']['transports'], env: TransportEnvironment): boolean => {
  if (setting === 'websocket') return true;
  if (setting === 'polling,websocket') return false;
  return env.appInstance !== undefined && workerCountOf(env.clusterWorkers, env.cpus) > 1;
};
