import type { Cache } from '../../services/ports/cache';

export interface CacheStats {
  readonly kind: 'redis' | 'memory' | 'redis+memory-fallback';
  readonly hits: number;
  readonly misses: number;
  readonly errors: number;
  readonly size?: number;
  readonly backendUp: boolean;
}

/** The cache as infra builds it: the services' Cache port, plus what /health and /debug/performance read. */
export interface MonitoredCache extends Cache {
  /** True when the backend answers (always true for memory). */
  readonly ping: () => Promise<boolean>;
  readonly stats: () => CacheStats;
}
