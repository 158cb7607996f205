import * as client from 'prom-client';

/** Upstreams whose circuit state is exported as `upstream_circuit_open{service}` (the `service` of `upstream_calls_total`). */
export type CircuitService = 'rpc' | 'coingecko';

/** What the transaction tracker reports at each scrape: the cluster's pending tracked transactions (0 on a worker that does not track). */
export interface TrackedTransactionsReading {
  readonly pending: number;
  /** Age of the oldest pending one, 0 when none is pending. */
  readonly oldestPendingAgeSeconds: number;
}

/**
 * The process's Prometheus metrics; one registry per app graph so tests can build several. Every name the alert rules
 * (docker/prometheus/alerts.yml) and the dashboard (docker/grafana/dashboards/backend.json) use is defined here or by
 * prom-client's defaults (process_*, nodejs_*: event-loop lag p99, RSS, heap), except `socketio_connections`
 * (realtime/socket-metrics.ts); tests/deploy/monitoring-metrics.test.ts holds them to it.
 */
export interface Metrics {
  readonly registry: client.Registry;
  readonly httpDuration: client.Histogram<'method' | 'route' | 'status'>;
  /** `keyspace` is the key's first segment (`portfolio`, `prices`, `token-meta`…): a bounded set named by the code. */
  readonly cacheRequests: client.Counter<'cache' | 'keyspace' | 'outcome'>;
  readonly upstreamCalls: client.Counter<'service' | 'outcome'>;
  readonly aiTokens: client.Counter<'kind'>;
  /** `reason` as in services/ai/ai-fallback-reason.ts. */
  readonly aiFallbacks: client.Counter<'reason'>;
  /** JSON-RPC round trips (read rounds) of one fresh portfolio read. */
  readonly portfolioReadRoundTrips: client.Histogram;
  /** Socket.IO events pushed by this worker (room emits, cluster-wide through the adapter). */
  readonly socketPushes: client.Counter<'event'>;
  /** Completed runs of this worker's periodic loops: a loop that stops counting has stalled (tests wait on it too). */
  readonly loopRuns: client.Counter<'loop'>;
  /** Alert evaluations after fresh portfolio reads, by outcome (ok|failed), counted once each has settled. */
  readonly alertEvaluations: client.Counter<'outcome'>;
  /** Chat turns (REST, SSE and Socket.IO), by outcome (answered|aborted|refused), counted once each has settled. */
  readonly chatTurns: client.Counter<'outcome'>;
  /** `transaction_update` pushes of tracked transactions, by final status (confirmed|failed|dropped), counted by the worker that pushed. */
  readonly txUpdates: client.Counter<'status'>;
  /** `watcher_leader` reads `isLeader` at every scrape: 1 on the worker running the cluster's watcher, 0 elsewhere. Set once, where the watcher starts. */
  readonly observeWatcherLeader: (isLeader: () => boolean) => void;
  /**
   * `upstream_circuit_open{service}` reads `isOpen` at every scrape (1 open, 0 closed). Set once per upstream, where its
   * circuit is built in src/composition (pricing.ts, chain.ts): CoinGecko's and the RPC's.
   */
  readonly observeCircuit: (service: CircuitService, isOpen: () => boolean) => void;
  /**
   * `tx_tracked_pending` and `tx_tracked_oldest_pending_age_seconds` read `read` at every scrape. For the transaction
   * tracker (issue 11), where it starts: report its pending set on the worker that tracks, zeros elsewhere.
   */
  readonly observeTrackedTransactions: (read: () => TrackedTransactionsReading) => void;
}

export const makeMetrics = (): Metrics => {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  let isLeader: (() => boolean) | undefined;
  const circuits = new Map<CircuitService, () => boolean>();
  let readTracked: (() => TrackedTransactionsReading) | undefined;

  new client.Gauge({
    name: 'watcher_leader',
    help: 'Whether this worker holds the watcher lease and runs the chain watcher (1) or not (0)',
    registers: [registry],
    collect() {
      if (isLeader !== undefined) this.set(isLeader() ? 1 : 0);
    },
  });
  new client.Gauge({
    name: 'upstream_circuit_open',
    help: 'Whether the circuit breaker in front of an upstream (rpc, coingecko) refuses calls now (1) or not (0)',
    labelNames: ['service'],
    registers: [registry],
    collect() {
      for (const [service, isOpen] of circuits) this.set({ service }, isOpen() ? 1 : 0);
    },
  });
  new client.Gauge({
    name: 'tx_tracked_pending',
    help: 'Tracked transactions still pending (reported by the worker that tracks them; 0 elsewhere)',
    registers: [registry],
    collect() {
      if (readTracked !== undefined) this.set(readTracked().pending);
    },
  });
  new client.Gauge({
    name: 'tx_tracked_oldest_pending_age_seconds',
    help: 'Age of the oldest pending tracked transaction in seconds (0 when none is pending)',
    registers: [registry],
    collect() {
      if (readTracked !== undefined) this.set(readTracked().oldestPendingAgeSeconds);
    },
  });

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
      help: 'Cache lookups by cache, keyspace and outcome (hit|miss|error)',
      labelNames: ['cache', 'keyspace', 'outcome'],
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
    aiFallbacks: new client.Counter({
      name: 'ai_fallbacks_total',
      help: 'AI answers given by the rules instead of the model, by reason (not_configured|unavailable|timeout|rate_limited|bad_response|aborted|answer_withheld)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    portfolioReadRoundTrips: new client.Histogram({
      name: 'portfolio_read_chain_round_trips',
      help: 'JSON-RPC round trips (read rounds) per fresh portfolio read',
      buckets: [1, 2, 3, 4, 5, 6, 8],
      registers: [registry],
    }),
    socketPushes: new client.Counter({
      name: 'socketio_pushes_total',
      help: 'Socket.IO events pushed by this worker, by event',
      labelNames: ['event'],
      registers: [registry],
    }),
    loopRuns: new client.Counter({
      name: 'background_loop_runs_total',
      help: 'Completed runs of periodic loops, by loop (chain_watch|price_tick|session_recheck|tx_follow)',
      labelNames: ['loop'],
      registers: [registry],
    }),
    alertEvaluations: new client.Counter({
      name: 'alert_evaluations_total',
      help: 'Alert evaluations after fresh portfolio reads, by outcome (ok|failed)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    chatTurns: new client.Counter({
      name: 'chat_turns_total',
      help: 'Chat turns by outcome (answered|aborted|refused)',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    txUpdates: new client.Counter({
      name: 'tx_tracked_updates_total',
      help: 'transaction_update pushes of tracked transactions, by status (confirmed|failed|dropped)',
      labelNames: ['status'],
      registers: [registry],
    }),
    observeWatcherLeader: (read) => {
      isLeader = read;
    },
    observeCircuit: (service, isOpen) => {
      circuits.set(service, isOpen);
    },
    observeTrackedTransactions: (read) => {
      readTracked = read;
    },
  };
};
