/**
 * `npm run demo`: a local Sei-like chain with the DeFi contracts the backend reads, a few wallets in interesting states,
 * the server against it, and a market that moves — all offline. Prints the wallets and URLs; Ctrl-C stops everything.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createSiweMessage } from 'viem/siwe';
import { startServerProcess, type ServerProcess } from '../tests/bench/server-process';
import { startDevnet, type Devnet } from '../tests/support/devnet';
import { deploySeiDefiDevnet } from '../tests/support/sei-defi/deploy-sei-defi-devnet';
import { startMarketTicker, type MarketTicker } from './market-ticker';
import { poolOf, prepareSampleWallets, type SampleWallet } from './sample-wallets';

const ROOT = path.resolve(__dirname, '..');
const intFromEnv = (name: string, fallback: number): number => {
  const raw = process.env[name];
  const n = raw === undefined ? fallback : Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a non-negative integer`);
  return n;
};

const settings = {
  port: intFromEnv('DEMO_PORT', 8000),
  rpcPort: intFromEnv('DEMO_RPC_PORT', 8545),
  tickMs: intFromEnv('DEMO_TICK_MS', 4000),
};

/** The borrower's alert: a health factor under 1.05 is pushed as `risk_alert` (the market moves it across). */
const ALERT = { type: 'health_factor_below', threshold: 1.05 } as const;

const postJson = async (url: string, body: unknown, token?: string): Promise<Record<string, unknown>> => {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === undefined ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
};

/** Signs in as the wallet (SIWE with the server's default domain) and sets its health-factor alert. */
const signInAndSetAlert = async (origin: string, wallet: SampleWallet): Promise<void> => {
  const nonceRes = (await (await fetch(`${origin}/api/auth/nonce`)).json()) as { data: { nonce: string } };
  const message = createSiweMessage({
    domain: 'localhost:3000',
    uri: 'http://localhost:3000',
    chainId: 1329,
    address: wallet.address,
    nonce: nonceRes.data.nonce,
    version: '1',
    issuedAt: new Date(),
    statement: 'Sign in to Sei AI Portfolio Manager',
  });
  const signed = await postJson(`${origin}/api/auth/verify`, { message, signature: await wallet.account.account.signMessage({ message }) });
  const token = String((signed['data'] as { token: string }).token);
  await postJson(`${origin}/api/alerts`, ALERT, token);
};

const printGuide = (origin: string, rpcUrl: string, wallets: ReadonlyArray<SampleWallet>, tickMs: number): void => {
  const [borrower] = wallets;
  const lines = [
    '',
    'Sei AI Portfolio Manager — demo (offline: a local chain, real Aave v3 and Uniswap contracts)',
    '',
    `  server   ${origin}      docs ${origin}/api/docs`,
    `  chain    ${rpcUrl} (chain id 1329)   prices: stablecoins at $1, the rest from the chain's own DragonSwap pools`,
    '',
    'Wallets:',
    ...wallets.map((w) => `  ${(w.sei1 ?? w.address).padEnd(44)} ${w.role}`),
    '',
    'Try:',
    `  curl ${origin}/api/portfolio/${borrower?.address ?? ''}`,
    `  curl ${origin}/api/portfolio/${borrower?.address ?? ''}/risk`,
    `  curl ${origin}/api/portfolio/${wallets[3]?.sei1 ?? ''}/summary`,
    '',
    'Socket.IO (node, with socket.io-client):',
    `  const s = require('socket.io-client').io('${origin}', { transports: ['websocket'] });`,
    `  s.on('portfolio_update', console.log); s.on('price_update', console.log); s.on('risk_alert', console.log);`,
    `  s.emit('subscribe', { walletAddress: '${borrower?.address ?? ''}' }, console.log); s.emit('subscribe_prices', {}, console.log);`,
    '',
    `The market moves the WSEI price every ${tickMs / 1000} s (DragonSwap pool and Yei oracle); the borrower has a`,
    `"health factor below ${ALERT.threshold}" alert. Stop with Ctrl-C.`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
};

const main = async (): Promise<void> => {
  const started = performance.now();
  const workDir = mkdtempSync(path.join(tmpdir(), 'seipm-demo-'));
  let devnet: Devnet | undefined;
  let server: ServerProcess | undefined;
  let ticker: MarketTicker | undefined;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      process.stdout.write('\nstopping the demo…\n');
      await ticker?.stop();
      await server?.stop();
      await devnet?.stop();
      rmSync(workDir, { recursive: true, force: true });
      process.stdout.write('demo stopped\n');
    })());
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));

  try {
    devnet = await startDevnet({ port: settings.rpcPort });
    const defi = await deploySeiDefiDevnet(devnet);
    const { wallets, pools, maker } = await prepareSampleWallets(devnet, defi);
    const registryFile = path.join(workDir, 'registry.json');
    writeFileSync(registryFile, JSON.stringify(defi.registry));
    server = await startServerProcess({
      command: process.execPath,
      args: [path.join(ROOT, 'dist', 'main.js')],
      cwd: ROOT,
      port: settings.port,
      logFile: path.join(workDir, 'server.log'),
      readyPath: '/health/ready',
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        DATA_DIR: path.join(workDir, 'data'),
        SEI_RPC_URL: devnet.url,
        CHAIN_CONFIG_FILE: registryFile,
        // No price service: nothing listens on port 9, so every price comes from the DEX fallback at once.
        COINGECKO_BASE_URL: 'http://127.0.0.1:9',
        CACHE_TTL_PRICES: '5',
        WATCH_REREAD_INTERVAL_MS: '5000',
        WATCH_ALERTED_WALLETS: 'true',
        LOG_LEVEL: 'warn',
      },
    });
    const borrower = wallets[0];
    if (borrower !== undefined) await signInAndSetAlert(server.origin, borrower);
    printGuide(server.origin, devnet.url, wallets, settings.tickMs);
    process.stdout.write(`DEMO_READY ${JSON.stringify({ origin: server.origin, rpcUrl: devnet.url, seconds: Math.round((performance.now() - started) / 100) / 10, wallets: wallets.map(({ role, address, sei1 }) => ({ role, address, sei1 })) })}\n`);
    ticker = startMarketTicker(devnet, defi, maker, poolOf(pools, 'WSEI'), { intervalMs: settings.tickMs, maxStep: 0.03, band: 0.12 });
  } catch (error) {
    process.stderr.write(`the demo could not start: ${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
    await stop();
    process.exit(1);
  }
};

void main();
