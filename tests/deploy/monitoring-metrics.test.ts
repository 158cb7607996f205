/**
 * The monitoring reads what the app exports: every metric named by docker/prometheus/alerts.yml and by the Grafana
 * dashboard is in /metrics of a running app (tests/support/app/start-test-server.ts), and the gauges and counters
 * added for them move with what they describe.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import type { RunningServer } from '../../src/main';
import { startFakeCoinGecko, type FakeCoinGecko } from '../support/fakes';
import { startTestServer } from '../support/app/start-test-server';
import { waitFor } from '../support/wait-until';
import { exportedSeriesNames, metricNamesOf } from './support/promql-metric-names';

const repoRoot = resolve(__dirname, '..', '..');

interface Panel {
  readonly title?: string;
  readonly datasource?: { readonly uid: string };
  readonly targets?: ReadonlyArray<{ readonly expr: string; readonly datasource?: { readonly uid: string } }>;
  readonly panels?: ReadonlyArray<Panel>;
}
interface Dashboard {
  readonly uid: string;
  readonly panels: ReadonlyArray<Panel>;
  readonly templating: { readonly list: ReadonlyArray<{ readonly name: string; readonly query: { readonly query: string } }> };
}

const dashboard = JSON.parse(readFileSync(resolve(repoRoot, 'docker', 'grafana', 'dashboards', 'backend.json'), 'utf8')) as Dashboard;
const panels = dashboard.panels.flatMap((p) => [p, ...(p.panels ?? [])]);
const dashboardQueries = [
  ...panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr)),
  // Grafana's label_values(selector, label): the selector is PromQL.
  ...dashboard.templating.list.map((v) => v.query.query.replace(/^label_values\((.*), *\w+\)$/, '$1')),
];
const ruleQueries = (parse(readFileSync(resolve(repoRoot, 'docker', 'prometheus', 'alerts.yml'), 'utf8')) as { groups: ReadonlyArray<{ rules: ReadonlyArray<{ expr: string }> }> }).groups.flatMap(
  (g) => g.rules.map((r) => r.expr),
);
const namesIn = (queries: ReadonlyArray<string>) => [...new Set(queries.flatMap((q) => metricNamesOf(q).names))].sort();

/** Series Prometheus writes itself for every target. */
const PROMETHEUS_SERIES = new Set(['up']);

const metricsText = async (app: RunningServer): Promise<string> => {
  const res = await request(app.app).get('/metrics');
  expect(res.status).toBe(200);
  return res.text;
};

/** The value of one unlabelled or exactly labelled sample in /metrics, or undefined when absent. */
const sampleOf = async (app: RunningServer, series: string): Promise<number | undefined> => {
  const line = (await metricsText(app)).split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

/** Polls /metrics until `series` reads `value`, or fails after the deadline saying what it read last. */
const waitForSample = async (app: RunningServer, series: string, value: number, deadlineMs = 10_000): Promise<void> => {
  let last: number | undefined;
  await waitFor(`${series} to read ${value}`, async () => (last = await sampleOf(app, series)) === value, deadlineMs).catch(() => undefined);
  expect({ series, value: last }).toEqual({ series, value });
};

describe('the metrics the alert rules and the dashboard use', () => {
  let gecko: FakeCoinGecko;
  let app: RunningServer;
  beforeAll(async () => {
    gecko = await startFakeCoinGecko();
    app = await startTestServer({ COINGECKO_BASE_URL: gecko.url, COINGECKO_API_KEY: 'demo-key' });
  });
  afterAll(async () => {
    await app.shutdown('done');
    await gecko.stop();
  });

  test('every rule and dashboard query parses as PromQL', () => {
    const unparsable = [...ruleQueries, ...dashboardQueries].filter((q) => !metricNamesOf(q).parses);
    expect(unparsable).toEqual([]);
    expect({ rules: ruleQueries.length, dashboard: dashboardQueries.length }).toEqual({ rules: 14, dashboard: 39 });
  });

  test('the rules and the dashboard read these metrics', () => {
    expect(namesIn(ruleQueries)).toEqual([
      'ai_fallbacks_total',
      'cache_requests_total',
      'http_request_duration_seconds_bucket',
      'http_request_duration_seconds_count',
      'nodejs_eventloop_lag_p99_seconds',
      'process_resident_memory_bytes',
      'tx_tracked_oldest_pending_age_seconds',
      'up',
      'upstream_calls_total',
      'upstream_circuit_open',
      'watcher_leader',
    ]);
    expect(namesIn(dashboardQueries)).toEqual([
      'ai_fallbacks_total',
      'ai_tokens_total',
      'cache_requests_total',
      'http_request_duration_seconds_bucket',
      'http_request_duration_seconds_count',
      'nodejs_eventloop_lag_p99_seconds',
      'nodejs_heap_size_used_bytes',
      'portfolio_read_chain_round_trips_bucket',
      'portfolio_read_chain_round_trips_count',
      'portfolio_read_chain_round_trips_sum',
      'process_cpu_seconds_total',
      'process_resident_memory_bytes',
      'socketio_connections',
      'socketio_pushes_total',
      'tx_tracked_oldest_pending_age_seconds',
      'tx_tracked_pending',
      'up',
      'upstream_calls_total',
      'upstream_circuit_open',
      'watcher_leader',
    ]);
  });

  test('every one of them is exported by /metrics of the running app (histograms as _bucket, _sum and _count)', async () => {
    const exported = exportedSeriesNames(await metricsText(app));
    const missing = namesIn([...ruleQueries, ...dashboardQueries]).filter((name) => !exported.has(name) && !PROMETHEUS_SERIES.has(name));
    expect(missing).toEqual([]);
  });

  test('every dashboard panel queries the provisioned Prometheus datasource', () => {
    const elsewhere = panels.filter((p) => p.targets !== undefined).filter((p) => p.datasource?.uid !== 'prometheus' || p.targets?.some((t) => t.datasource?.uid !== 'prometheus'));
    expect(elsewhere.map((p) => p.title)).toEqual([]);
  });

  test('watcher_leader reads 1 on the worker that holds the watcher lease', async () => {
    // Without Redis the lease is in process: this app elects itself at its first attempt.
    await waitForSample(app, 'watcher_leader', 1);
  });

  test('upstream_circuit_open{service="coingecko"} reads 0 while CoinGecko answers and 1 once a 429 opens the circuit', async () => {
    gecko.setPrice({ id: 'sei-network', usd: 0.25 });
    expect((await request(app.app).get('/api/prices?ids=sei-network')).status).toBe(200);
    expect(await sampleOf(app, 'upstream_circuit_open{service="coingecko"}')).toBe(0);
    gecko.reset();
    gecko.setFailing(429, { retryAfterSeconds: 600 });
    // A coin nothing has cached yet, so the feed has to ask CoinGecko.
    expect((await request(app.app).get('/api/prices?ids=bitcoin')).status).toBe(200);
    expect(gecko.requestCount('/simple/price')).toBe(1);
    expect(await sampleOf(app, 'upstream_circuit_open{service="coingecko"}')).toBe(1);
  });

  test('socketio_pushes_total counts each push by event', async () => {
    const before = (await sampleOf(app, 'socketio_pushes_total{event="system_message"}')) ?? 0;
    app.realtime.push.systemMessage({ type: 'info', message: 'maintenance at noon' });
    app.realtime.push.systemMessage({ type: 'info', message: 'maintenance done' });
    expect(await sampleOf(app, 'socketio_pushes_total{event="system_message"}')).toBe(before + 2);
  });

  // The follower of this app registers the shared test database's pending rows (other files leave some), so the test
  // registers its own figures rather than assuming the database is empty.
  test('tx_tracked_pending and tx_tracked_oldest_pending_age_seconds report what the transaction tracker registers', async () => {
    app.metrics.observeTrackedTransactions(() => ({ pending: 3, oldestPendingAgeSeconds: 125 }));
    expect([await sampleOf(app, 'tx_tracked_pending'), await sampleOf(app, 'tx_tracked_oldest_pending_age_seconds')]).toEqual([3, 125]);
  });
});
