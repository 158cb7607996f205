import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LOAD } from './load';
import { benchDefiPortfolio } from './defi-bench';
import { benchPortfolio } from './portfolio-bench';
import { benchPriceFanout } from './price-fanout';

const fmt = (x: number, digits = 1) => x.toFixed(digits);

/** `npm run bench`: runs every benchmark, prints a table and writes bench-results/bench-<timestamp>.json. */
const main = async () => {
  const started = Date.now();
  const portfolio = await benchPortfolio();
  const lines: string[] = [];
  const raw = portfolio.load[0];
  lines.push(`HTTP load: ${LOAD.connections} connections, ${LOAD.durationSeconds} s after ${LOAD.warmupSeconds} s warm-up (autocannon, same process)`);
  lines.push('| endpoint | req/s | p50 ms | p99 ms | req/s vs raw node:http | errors |');
  lines.push('| --- | --- | --- | --- | --- | --- |');
  for (const r of portfolio.load) {
    lines.push(`| ${r.name} | ${fmt(r.requestsPerSecond, 0)} | ${r.p50Ms} | ${r.p99Ms} | ${raw === undefined ? '-' : fmt(r.requestsPerSecond / raw.requestsPerSecond, 2)} | ${r.errors + r.non2xx} |`);
  }
  lines.push('');
  lines.push('| cold read | chain HTTP requests | eth_calls | CoinGecko requests | latency ms |');
  lines.push('| --- | --- | --- | --- | --- |');
  for (const c of portfolio.cold) lines.push(`| ${c.tokens} tokens | ${c.chainHttpRequests} | ${c.ethCalls} | ${c.coingeckoRequests} | ${fmt(c.latencyMs)} |`);
  lines.push('');
  const s = portfolio.stampede;
  lines.push(`Stampede: ${s.requests} concurrent cold requests for one wallet -> ${s.chainHttpRequests} chain HTTP request(s), ${s.coingeckoRequests} CoinGecko request(s), all answered in ${fmt(s.wallMs)} ms`);
  const defi = await benchDefiPortfolio();
  lines.push('');
  lines.push(`Full DeFi portfolio (${defi.reserves} Yei reserves, ${defi.nfts} DragonSwap V2 NFTs, 1 V1 LP):`);
  lines.push('| read | chain HTTP requests | eth_calls | latency ms |');
  lines.push('| --- | --- | --- | --- |');
  lines.push(`| cold (fresh app, empty adapter caches) | ${defi.cold.chainHttpRequests} | ${defi.cold.ethCalls} | ${fmt(defi.cold.latencyMs)} |`);
  lines.push(`| warm refresh (adapter caches warm) | ${defi.warm.chainHttpRequests} | ${defi.warm.ethCalls} | ${fmt(defi.warm.latencyMs)} |`);
  lines.push(`| cached GET, median of 50 | 0 | 0 | ${fmt(defi.cachedMedianMs, 2)} |`);
  const fanout = await benchPriceFanout();
  lines.push('');
  lines.push(`Fan-out: one price_update to ${fanout.sockets} sockets on one worker -> delivery p50 ${fmt(fanout.p50Ms)} ms, p99 ${fmt(fanout.p99Ms)} ms; worker RSS ${fmt(fanout.rssMB)} MB, server heap ${fmt(fanout.heapMB)} MB`);
  const table = lines.join('\n');
  process.stdout.write(`${table}\n\nTotal ${fmt((Date.now() - started) / 1000)} s\n`);
  const dir = path.resolve(process.cwd(), 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), load: LOAD, portfolio, defi, fanout }, null, 2));
  process.stdout.write(`Wrote ${file}\n`);
};

main().then(
  () => process.exit(0),
  (cause: unknown) => {
    process.stderr.write(`bench failed: ${cause instanceof Error ? (cause.stack ?? cause.message) : String(cause)}\n`);
    process.exit(1);
  },
);
