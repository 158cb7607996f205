import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { mintTokens, deployTestTokens } from '../support/devnet';
import { startAppOnHarness, startChainHarness, tokenSpecs, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import type { RunningServer } from '../../src/main';
import { startBaselines } from './baselines';
import { measureLoad, type LoadResult } from './load';

export interface ColdRead {
  readonly tokens: number;
  readonly chainHttpRequests: number;
  readonly ethCalls: number;
  readonly coingeckoRequests: number;
  readonly latencyMs: number;
}

export interface PortfolioBench {
  readonly load: ReadonlyArray<LoadResult>;
  readonly cold: ReadonlyArray<ColdRead>;
  readonly stampede: { readonly requests: number; readonly chainHttpRequests: number; readonly coingeckoRequests: number; readonly wallMs: number };
}

const freshWallet = () => privateKeyToAccount(generatePrivateKey()).address;

const coldRead = async (h: ChainHarness, app: RunningServer, tokens: number, wallet: string): Promise<ColdRead> => {
  h.proxy.reset();
  const geckoBefore = h.gecko.requestCount();
  const started = performance.now();
  const res = await fetch(`${app.url}/api/portfolio/${wallet}`);
  if (res.status !== 200) throw new Error(`cold read answered ${res.status}`);
  await res.json();
  const latencyMs = performance.now() - started;
  const stats = h.proxy.stats();
  return { tokens, chainHttpRequests: stats.httpRequests, ethCalls: stats.ethCalls, coingeckoRequests: h.gecko.requestCount() - geckoBefore, latencyMs };
};

/** Cached portfolio throughput against raw node:http and minimal Express; cold reads of 5 and 40 tokens; a 200-request stampede. */
export const benchPortfolio = async (): Promise<PortfolioBench> => {
  const h = await startChainHarness();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'seipm-bench-'));
  const tokens = await deployTestTokens(h.devnet, tokenSpecs(40));
  tokens.forEach((tk, i) => h.gecko.setPrice({ platform: 'sei-v2', address: tk.address, usd: 1 + i }));
  h.gecko.setPrice({ id: 'sei-network', usd: 0.3 });
  const entry = (tk: (typeof tokens)[number]) => ({ address: tk.address, symbol: tk.symbol, name: tk.name, decimals: tk.decimals });
  const r40 = writeRegistryFile({ tokens: tokens.map(entry) });
  const r5 = writeRegistryFile({ tokens: tokens.slice(0, 5).map(entry) });
  const env = { DATABASE_URL: undefined, DATA_DIR: dataDir, RATE_LIMIT_MAX_REQUESTS: '100000000', CACHE_TTL_PRICES: '3600' };
  const app40 = await startAppOnHarness(h, r40.file, env);
  const app5 = await startAppOnHarness(h, r5.file, { ...env, DATA_DIR: path.join(dataDir, 'five') });
  try {
    // The stampede first, while no price is cached yet.
    const stampedeWallet = freshWallet();
    await mintTokens(h.devnet, [{ token: tokens[7]?.address ?? '0x', to: stampedeWallet, amount: 10n ** 18n }]);
    h.proxy.reset();
    const geckoBefore = h.gecko.requestCount();
    const started = performance.now();
    const statuses = await Promise.all(Array.from({ length: 200 }, () => fetch(`${app40.url}/api/portfolio/${stampedeWallet}`).then(async (r) => (await r.arrayBuffer(), r.status))));
    if (statuses.some((s) => s !== 200)) throw new Error('stampede request failed');
    const stampede = { requests: 200, chainHttpRequests: h.proxy.stats().httpRequests, coingeckoRequests: h.gecko.requestCount() - geckoBefore, wallMs: performance.now() - started };

    const holder = freshWallet();
    await mintTokens(h.devnet, tokens.map((tk) => ({ token: tk.address, to: holder, amount: 10n ** BigInt(tk.decimals) })));
    const cold = [await coldRead(h, app5, 5, holder), await coldRead(h, app40, 40, holder)];

    const body = (await (await fetch(`${app40.url}/api/portfolio/${holder}`)).json()) as { data: unknown };
    const baselines = await startBaselines(body.data);
    const load = [
      await measureLoad('raw node:http JSON', baselines.rawUrl),
      await measureLoad('minimal Express JSON', baselines.expressUrl),
      await measureLoad('cached GET /api/portfolio/:address', `${app40.url}/api/portfolio/${holder}`),
    ];
    await baselines.stop();
    return { load, cold, stampede };
  } finally {
    await app40.shutdown('bench done');
    await app5.shutdown('bench done');
    await h.stop();
    r40.remove();
    r5.remove();
    rmSync(dataDir, { recursive: true, force: true });
  }
};
