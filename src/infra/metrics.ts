import * as client from 'prom-client';

/** The process's Prometheus metrics; one registry per app graph so tests can build several. */
export interface Metrics {
  readonly registry: client.Registry;
  readonly httpDuration: client.Histogram<'method' | 'route' | 'status'>;
  readonly cacheRequests: client.Counter<'cache' | 'outcome'>;
  readonly upstreamCalls: client.Counter<'service' | 'outcome'>;
  readonly aiTokens: client.Counter<'kind'>;
}

export const makeMetrics = (): Metrics => {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request duration by method, route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    cacheRequests: new client.Counter({
      name: 'cache_requests_total',
      help: 'Cache lookups by cache and outcome (hit|miss|error)',
      labelNames: ['cache', 'outcome'],
      registers: [registry],
    }),
    upstreamCalls: new client.Counter({
      name: 'upstream_calls_total',
      help: 'Calls to upstream services (rpc, coingecko, openai) by outcome',
      labelNames: ['service', 'outcome'],
      registers: [registry],
    }),
    aiTokens: new client.Counter({
      name: 'ai_tokens_total',
      help: 'Model tokens used, by kind (prompt|completion)',
      labelNames: ['kind'],
      registers: [registry],
    }),
  };
};
