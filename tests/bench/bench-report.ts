import type { ClusterBench } from './cluster-bench';
import type { ColdReadBench } from './cold-read';
import type { HttpTable } from './http-table';
import type { LoadSettings } from './load-generator';
import type { FanoutBench } from './price-fanout';
import type { StartTimes } from './start-times';

/** A section's result, or why it could not be measured (the other sections still run). */
export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export interface BenchResults {
  readonly at: string;
  readonly machine: string;
  readonly loadTool: string;
  readonly load: LoadSettings;
  readonly http: ReadonlyArray<Outcome<HttpTable>>;
  readonly coldRead: Outcome<ColdReadBench>;
  readonly startTimes: ReadonlyArray<Outcome<StartTimes>>;
  readonly fanout: Outcome<FanoutBench>;
  readonly cluster: Outcome<ClusterBench>;
  readonly totalSeconds: number;
}

const int = (x: number) => Math.round(x).toLocaleString('en-US');
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ratio = (x: number) => x.toFixed(2);
const kb = (bytes: number) => (bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`);
const seconds = (x: number) => `${(x / 1000).toFixed(2)} s`;

/** "0", or the count and its kinds, e.g. "179 (read 179)". */
const failuresOf = (r: { readonly failures: number; readonly failureKinds: Readonly<Record<string, number>> }): string => {
  const kinds = Object.entries(r.failureKinds).filter(([, n]) => n > 0);
  return r.failures === 0 ? '0' : `${r.failures} (${kinds.map(([kind, n]) => `${kind} ${n}`).join(', ')})`;
};

const section = <T>(title: string, outcome: Outcome<T>, render: (value: T) => ReadonlyArray<string>): ReadonlyArray<string> =>
  ['', `### ${title}`, '', ...(outcome.ok ? render(outcome.value) : [`not measured: ${outcome.error}`])];

const httpLines = (t: HttpTable): ReadonlyArray<string> => [
  '| target | body | req/s | p50 ms | p99 ms | × bare Express | bare Express req/s just before | failures |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ...t.rows.map((r) => `| ${r.target} | ${kb(r.bodyBytes)} | ${int(r.requestsPerSecond)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${ratio(r.ratioToExpress)} | ${int(r.expressRequestsPerSecond)} | ${failuresOf(r)} |`),
  '',
  `App process RSS after its loads: ${t.appRssMB.toFixed(0)} MB.`,
];

const coldLines = (c: ColdReadBench): ReadonlyArray<string> => [
  '| read | chain HTTP requests | JSON-RPC calls | eth_calls | batch sizes | same every time | p50 ms | reads |',
  '| --- | --- | --- | --- | --- | --- | --- | --- |',
  `| first read of a freshly started app (no cache anywhere) | ${c.firstRead.chainHttpRequests} | ${c.firstRead.rpcCalls} | ${c.firstRead.ethCalls} | ${c.firstRead.batchSizes.join(', ')} | ${c.firstRead.isSameEveryTime ? 'yes' : 'NO'} | ${ms(c.firstRead.p50Ms)} | ${c.firstRead.processes} |`,
  `| POST /refresh on a warm app | ${c.refresh.chainHttpRequests} | ${c.refresh.rpcCalls} | ${c.refresh.ethCalls} | ${c.refresh.batchSizes.join(', ')} | ${c.refresh.isSameEveryTime ? 'yes' : 'NO'} | ${ms(c.refresh.p50Ms)} | ${c.refresh.reads} |`,
];

const startLines = (starts: ReadonlyArray<Outcome<StartTimes>>): ReadonlyArray<string> => [
  '| Node | installed checkout → /health/live | fresh DATA_DIR → /health/live | ran the build |',
  '| --- | --- | --- | --- |',
  ...starts.map((s) => (s.ok ? `| ${s.value.node} | ${seconds(s.value.installedMs)} | ${seconds(s.value.freshDataDirMs)} | ${s.value.didBuild ? 'YES' : 'no'} |` : `| ? | not measured: ${s.error} | | |`)),
];

const fanoutLines = (f: FanoutBench): ReadonlyArray<string> => [
  '| sockets | p50 ms | p99 ms | max ms | worker RSS MB |',
  '| --- | --- | --- | --- | --- |',
  ...f.rows.map((r) => `| ${int(r.sockets)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${ms(r.maxMs)} | ${r.workerRssMB.toFixed(0)} |`),
];

const clusterLines = (c: ClusterBench): ReadonlyArray<string> => [
  '| PM2 workers behind nginx (TLS) | req/s | p50 ms | p99 ms | failures |',
  '| --- | --- | --- | --- | --- |',
  ...c.rows.map((r) => `| ${r.workers} | ${int(r.requestsPerSecond)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${failuresOf(r)} |`),
  '',
  `Cache hit ratio from /metrics (cache_requests_total, ${c.cacheHitRatio.workers} workers): ${(c.cacheHitRatio.ratio * 100).toFixed(1)}% ` +
    `(${int(c.cacheHitRatio.hits)} hits, ${int(c.cacheHitRatio.misses)} misses, ${c.cacheHitRatio.errors} errors).`,
];

const mark = (isMet: boolean) => (isMet ? 'met' : '**not met**');

/** Issue 12's targets against this run's figures. */
const goalLines = (r: BenchResults): ReadonlyArray<string> => {
  const lines: string[] = [];
  const node24 = r.http.flatMap((o) => (o.ok && o.value.node.startsWith('v24.') ? [o.value] : []))[0];
  const row = (target: string) => node24?.rows.find((x) => x.target.startsWith(target));
  const cached = row('cached GET');
  const health = row('GET /health/live');
  const notModified = row('same with If-None-Match');
  if (cached !== undefined && health !== undefined && notModified !== undefined) {
    lines.push(`- Cached read on Node 24 ≥ 0.5 × bare Express, p99 ≤ 10 ms: ${ratio(cached.ratioToExpress)} ×, p99 ${ms(cached.p99Ms)} ms — ${mark(cached.ratioToExpress >= 0.5 && cached.p99Ms <= 10)}`);
    lines.push(`- /health/live ≥ 0.8 × bare Express: ${ratio(health.ratioToExpress)} × — ${mark(health.ratioToExpress >= 0.8)}`);
    lines.push(`- 304 faster than the 200: ${int(notModified.requestsPerSecond)} vs ${int(cached.requestsPerSecond)} req/s — ${mark(notModified.requestsPerSecond > cached.requestsPerSecond)}`);
  }
  if (r.coldRead.ok) {
    const c = r.coldRead.value.firstRead;
    lines.push(`- Cold full DeFi read in 1 chain round trip, p50 ≤ 100 ms: ${c.chainHttpRequests} round trips, p50 ${ms(c.p50Ms)} ms — ${mark(c.chainHttpRequests === 1 && c.p50Ms <= 100)}`);
  }
  const starts = r.startTimes.flatMap((s) => (s.ok ? [s.value] : []));
  if (starts.length > 0) {
    const worstInstalled = Math.max(...starts.map((s) => s.installedMs));
    const worstFresh = Math.max(...starts.map((s) => s.freshDataDirMs));
    lines.push(`- Start ≤ 3 s installed, ≤ 5 s on a fresh DATA_DIR: ${seconds(worstInstalled)}, ${seconds(worstFresh)} (slowest Node) — ${mark(worstInstalled <= 3000 && worstFresh <= 5000)}`);
  }
  const tenK = r.fanout.ok ? r.fanout.value.rows.find((x) => x.sockets >= 10_000) : undefined;
  if (tenK !== undefined) lines.push(`- Fan-out to 10,000 sockets p99 ≤ 500 ms, worker RSS ≤ 512 MB: p99 ${ms(tenK.p99Ms)} ms, ${tenK.workerRssMB.toFixed(0)} MB — ${mark(tenK.p99Ms <= 500 && tenK.workerRssMB <= 512)}`);
  if (r.cluster.ok) lines.push(`- Cluster cache hit ratio > 80%: ${(r.cluster.value.cacheHitRatio.ratio * 100).toFixed(1)}% — ${mark(r.cluster.value.cacheHitRatio.ratio > 0.8)}`);
  return lines;
};

/** The bench's Markdown report. */
export const formatBenchReport = (r: BenchResults): string =>
  [
    `## Bench ${r.at}`,
    '',
    `Machine: ${r.machine}. Load: ${r.loadTool} in its own process, ${r.load.connections} connections, ${r.load.durationSeconds} s measured after a ${r.load.warmupSeconds} s warm-up. ` +
      'App: `node dist/main.js`, NODE_ENV=production, Postgres + Redis on localhost, devnet DeFi wallet (5 Yei reserves, 10 DragonSwap V2 NFTs, 1 V1 LP). ' +
      'Baselines: a raw node:http server and a bare Express 5 route answering a tiny JSON, each its own process on the same Node.',
    ...r.http.flatMap((o) => section(o.ok ? `HTTP on Node ${o.value.node}` : 'HTTP', o, httpLines)),
    ...section(`Chain round trips of a full DeFi read${r.coldRead.ok ? ` (Node ${r.coldRead.value.node})` : ''}`, r.coldRead, coldLines),
    ...section('Start: `npm start`, no .env (embedded PGlite, in-process cache)', { ok: true, value: r.startTimes }, startLines),
    ...section(`Fan-out: one price_update, one worker, clients in another process${r.fanout.ok ? ` (Node ${r.fanout.value.node})` : ''}`, r.fanout, fanoutLines),
    ...section(`Cluster: cached read through nginx.conf to PM2 workers${r.cluster.ok ? ` (Node ${r.cluster.value.node})` : ''}`, r.cluster, clusterLines),
    '',
    '### Issue 12 targets',
    '',
    ...goalLines(r),
    '',
    `Total ${r.totalSeconds.toFixed(0)} s.`,
  ].join('\n');
