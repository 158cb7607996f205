import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { RunningServer, StartOptions } from '../../../src/main';
import { deployTestTokens, startDevnet, type Devnet, type TestToken, type TestTokenSpec } from '../devnet';
import { startFakeCoinGecko, type FakeCoinGecko } from '../fakes';
import { startRpcCountingProxy } from '../rpc-counting-proxy';
import { startTestServer } from './start-test-server';

export type CountingProxy = Awaited<ReturnType<typeof startRpcCountingProxy>>;

export interface RegistryFileContent {
  readonly mode?: 'extend' | 'replace';
  readonly wrappedNative?: string | null;
  readonly tokens?: ReadonlyArray<{ address: string; symbol: string; name?: string; decimals: number; coingeckoId?: string | null; isStable?: boolean }>;
  readonly protocols?: Record<string, unknown>;
}

/** Writes a registry file (CHAIN_CONFIG_FILE) in a temp dir and returns its path. */
export const writeRegistryFile = (content: RegistryFileContent): { file: string; remove: () => void } => {
  const dir = mkdtempSync(path.join(tmpdir(), 'seipm-registry-'));
  const file = path.join(dir, 'registry.json');
  writeFileSync(file, JSON.stringify({ mode: 'replace', protocols: { yei: null, dragonswapV1: null, dragonswapV2: null }, ...content }));
  return { file, remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/** `count` token specs cycling through 6, 8 and 18 decimals. */
export const tokenSpecs = (count: number, prefix = 'TK'): ReadonlyArray<TestTokenSpec> =>
  Array.from({ length: count }, (_, i) => ({ symbol: `${prefix}${i}`, name: `Test token ${i}`, decimals: [6, 8, 18][i % 3] ?? 18 }));

export interface ChainHarness {
  readonly devnet: Devnet;
  readonly proxy: CountingProxy;
  readonly gecko: FakeCoinGecko;
  readonly stop: () => Promise<void>;
}

/** A devnet behind a counting proxy, and a fake CoinGecko. */
export const startChainHarness = async (): Promise<ChainHarness> => {
  const devnet = await startDevnet();
  const proxy = await startRpcCountingProxy(devnet.url);
  const gecko = await startFakeCoinGecko();
  return {
    devnet,
    proxy,
    gecko,
    stop: async () => {
      await proxy.stop();
      await gecko.stop();
      await devnet.stop();
    },
  };
};

/** The whole app on the harness: RPC through the proxy, registry file, fake CoinGecko; `options` as for startServer (e.g. a test clock). */
export const startAppOnHarness = (
  h: ChainHarness,
  registryFile: string,
  env: Record<string, string | undefined> = {},
  options: StartOptions = {},
): Promise<RunningServer> =>
  startTestServer(
    {
      SEI_RPC_URL: h.proxy.url,
      CHAIN_CONFIG_FILE: registryFile,
      COINGECKO_BASE_URL: h.gecko.url,
      COINGECKO_API_KEY: 'demo-key',
      RPC_TIMEOUT_MS: '3000',
      ...env,
    },
    options,
  );

export interface TokensHarness extends ChainHarness {
  readonly tokens: ReadonlyArray<TestToken>;
  /** A registry file listing exactly `tokens` (no protocols). */
  readonly registryFile: string;
}

/** A chain harness with `count` test tokens, each priced at `usd` by the fake CoinGecko (SEI at $0.5), in a registry file. */
export const startTokensHarness = async (count: number, usd = 2): Promise<TokensHarness> => {
  const h = await startChainHarness();
  const tokens = await deployTestTokens(h.devnet, tokenSpecs(count));
  tokens.forEach((tk) => h.gecko.setPrice({ platform: 'sei-v2', address: tk.address, usd }));
  h.gecko.setPrice({ id: 'sei-network', usd: 0.5 });
  const registry = writeRegistryFile({ tokens: tokens.map((tk) => ({ address: tk.address, symbol: tk.symbol, decimals: tk.decimals })) });
  return {
    ...h,
    tokens,
    registryFile: registry.file,
    stop: async () => {
      await h.stop();
      registry.remove();
    },
  };
};
