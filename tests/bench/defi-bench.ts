import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startAppOnHarness, startChainHarness, type ChainHarness } from '../support/app/chain-harness';
import { setupDefiFixture } from '../support/app/defi-fixture';
import type { RunningServer } from '../../src/main';

export interface DefiRead {
  readonly chainHttpRequests: number;
  readonly ethCalls: number;
  readonly latencyMs: number;
}

export interface DefiPortfolioBench {
  readonly reserves: number;
  readonly nfts: number;
  readonly cold: DefiRead;
  readonly warm: DefiRead;
  readonly cachedMedianMs: number;
}

const CACHED_READS = 50;

interface PortfolioBody {
  readonly data: {
    readonly lendingPositions: ReadonlyArray<unknown>;
    readonly liquidityPositions: ReadonlyArray<{ readonly kind: string }>;
    readonly warnings: ReadonlyArray<unknown>;
    readonly unpricedTokens: number;
  };
}

/** One timed request; fails unless the full DeFi portfolio (5 lending, 10 NFTs + 1 V1 LP, all priced, no warning) came back. */
const timedRead = async (url: string, method: 'GET' | 'POST'): Promise<{ readonly latencyMs: number; readonly body: PortfolioBody }> => {
  const started = performance.now();
  const res = await fetch(url, { method });
  const body = (await res.json()) as PortfolioBody;
  const latencyMs = performance.now() - started;
  if (res.status !== 200) throw new Error(`${method} ${url} answered ${res.status}: ${JSON.stringify(body)}`);
  const p = body.data;
  if (p.lendingPositions.length !== 5 || p.liquidityPositions.length !== 11 || p.warnings.length !== 0 || p.unpricedTokens !== 0) {
    throw new Error(`unexpected portfolio: ${p.lendingPositions.length} lending, ${p.liquidityPositions.length} liquidity, warnings ${JSON.stringify(p.warnings)}, ${p.unpricedTokens} unpriced`);
  }
  return { latencyMs, body };
};

const countedRead = async (h: ChainHarness, url: string, method: 'GET' | 'POST'): Promise<DefiRead> => {
  h.proxy.reset();
  const { latencyMs } = await timedRead(url, method);
  const stats = h.proxy.stats();
  return { chainHttpRequests: stats.httpRequests, ethCalls: stats.ethCalls, latencyMs };
};

const median = (xs: ReadonlyArray<number>): number => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
};

/**
 * A full DeFi portfolio read (5 Yei reserves, 10 DragonSwap V2 NFTs, 1 V1 LP): a cold GET on a freshly started app,
 * a warm POST /refresh (adapter and price caches filled), then the median of 50 sequential cached GETs.
 */
export const benchDefiPortfolio = async (): Promise<DefiPortfolioBench> => {
  const h = await startChainHarness();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'seipm-defi-bench-'));
  const cleanups: Array<() => void> = [() => rmSync(dataDir, { recursive: true, force: true })];
  let app: RunningServer | undefined;
  try {
    const fixture = await setupDefiFixture(h);
    const registry = fixture.registry();
    cleanups.push(registry.remove);
    app = await startAppOnHarness(h, registry.file, {
      DATABASE_URL: undefined,
      DATA_DIR: dataDir,
      RATE_LIMIT_MAX_REQUESTS: '100000000',
      CACHE_TTL_PRICES: '3600',
    });
    const url = `${app.url}/api/portfolio/${fixture.big.address}`;
    const cold = await countedRead(h, url, 'GET');
    const warm = await countedRead(h, `${url}/refresh`, 'POST');
    const cached: number[] = [];
    for (let i = 0; i < CACHED_READS; i++) cached.push((await timedRead(url, 'GET')).latencyMs);
    return { reserves: fixture.market.reserves.length, nfts: fixture.bigMinted.length, cold, warm, cachedMedianMs: median(cached) };
  } finally {
    await app?.shutdown('bench done');
    await h.stop();
    cleanups.forEach((remove) => remove());
  }
};
