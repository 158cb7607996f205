/**
 * Change detection end to end: the app as main.ts composes it (real Redis and Postgres), the devnet behind a
 * counting proxy, fake CoinGecko, and real socket.io-client sockets subscribed to wallets.
 */
import { Client } from 'pg';
import request from 'supertest';
import { encodeFunctionData, parseEther, parseUnits, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { signIn } from '../auth/sign-in';
import { associateSeiAddress, mintTokens, testTokenAbi, type TestToken, deployTestTokens } from '../support/devnet';
import { startAppOnHarness, startChainHarness, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import { REAL_REDIS_URL } from '../support/app/start-test-server';
import { counterValue, waitForCount } from '../support/metric-count';
import { collect, connectClient, emitWithAck, nextEvent, type ClientSocket } from './support/socket-client';

interface PortfolioUpdate {
  readonly walletAddress: string;
  readonly type: string;
  readonly data: { readonly walletAddress: string; readonly blockNumber: number; readonly tokenBalances: ReadonlyArray<{ token: string; balance: string }>; readonly cachedAt?: string };
  readonly changes: ReadonlyArray<{ path: string; before: unknown; after: unknown }>;
  readonly blockNumber: number;
  readonly timestamp: string;
}

const freshWallet = (): Address => privateKeyToAccount(generatePrivateKey()).address;
const TOKEN_PRICE = 2;
const SEI_PRICE = 0.25;

describe('portfolio pushes on chain changes', () => {
  let h: ChainHarness;
  let token: TestToken;
  let logsApp: RunningServer;
  let rereadApp: RunningServer;
  let removeRegistry: () => void;
  const sockets: ClientSocket[] = [];

  const connect = async (app: RunningServer): Promise<ClientSocket> => {
    const socket = await connectClient(app.url);
    sockets.push(socket);
    return socket;
  };
  const balanceOf = (update: PortfolioUpdate, key: string): string | undefined => update.data.tokenBalances.find((b) => b.token === key)?.balance;
  const transfer = (to: Address, amount: bigint, from = h.devnet.accounts[0]) =>
    h.devnet.sendTransaction({ to: token.address, data: encodeFunctionData({ abi: testTokenAbi, functionName: 'transfer', args: [to, amount] }) }, from);
  /**
   * Subscribes and returns the snapshot, once the watcher has done its first read of the wallet (so later pushes are
   * changes): two more completed polls, so that at least one of them began after the subscription.
   */
  const subscribe = async (app: RunningServer, socket: ClientSocket, walletAddress: string): Promise<PortfolioUpdate> => {
    const snapshot = nextEvent<PortfolioUpdate>(socket, 'portfolio_update', 5000);
    const ack = await emitWithAck(socket, 'subscribe', { walletAddress });
    expect(ack.ok).toBe(true);
    const first = await snapshot;
    const polls = await counterValue(app.metrics.loopRuns, { loop: 'chain_watch' });
    await waitForCount(app.metrics.loopRuns, { loop: 'chain_watch' }, polls + 2);
    return first;
  };

  beforeAll(async () => {
    h = await startChainHarness();
    [token] = (await deployTestTokens(h.devnet, [{ symbol: 'TKA', name: 'Token A', decimals: 18 }])) as [TestToken];
    h.gecko.setPrice({ id: 'sei-network', usd: SEI_PRICE, change24h: 0 });
    h.gecko.setPrice({ platform: 'sei-v2', address: token.address, usd: TOKEN_PRICE, change24h: 0 });
    await mintTokens(h.devnet, [{ token: token.address, to: h.devnet.accounts[0]?.address ?? '0x', amount: parseEther('1000000') }]);
    const registry = writeRegistryFile({ tokens: [{ address: token.address, symbol: token.symbol, name: token.name, decimals: token.decimals, coingeckoId: null }] });
    removeRegistry = registry.remove;
    const common = { REDIS_URL: REAL_REDIS_URL, WATCH_POLL_INTERVAL_MS: '300', SOCKET_MAX_SUBSCRIPTIONS: '2' };
    // Re-reads every minute: within a test, only a Transfer log can explain a push.
    logsApp = await startAppOnHarness(h, registry.file, { ...common, WATCH_REREAD_INTERVAL_MS: '60000' });
    // Re-reads every 1.5 s: how native SEI transfers (no log) are noticed.
    rereadApp = await startAppOnHarness(h, registry.file, { ...common, WATCH_REREAD_INTERVAL_MS: '1500' });
  }, 120_000);
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(async () => {
    await Promise.all([logsApp?.shutdown('done'), rereadApp?.shutdown('done')]);
    await h?.stop();
    removeRegistry?.();
  });

  it('sends the current portfolio as a snapshot on subscribe, for a 0x address in any case', async () => {
    const wallet = freshWallet();
    await mintTokens(h.devnet, [{ token: token.address, to: wallet, amount: parseEther('3') }]);
    const socket = await connect(logsApp);
    const snapshot = nextEvent<PortfolioUpdate>(socket, 'portfolio_update', 5000);
    expect(await emitWithAck(socket, 'subscribe', { walletAddress: wallet.toLowerCase() })).toEqual({ ok: true, data: { walletAddress: wallet, subscriptions: 1 } });
    const update = await snapshot;
    expect({ ...update, data: undefined }).toEqual({ walletAddress: wallet, type: 'snapshot', data: undefined, changes: [], blockNumber: update.data.blockNumber, timestamp: expect.any(String) });
    expect(update.data.walletAddress).toBe(wallet);
    expect(update.data.cachedAt).toBeUndefined();
    expect(balanceOf(update, token.address)).toBe(parseEther('3').toString());
  });

  it('resolves a sei1 address through the Addr precompile, and join_portfolio is an alias of subscribe', async () => {
    const wallet = freshWallet();
    const sei1 = 'sei1zg69v7yszg69v7yszg69v7yszg69v7ys8xdv96';
    await associateSeiAddress(h.devnet, sei1, wallet);
    const socket = await connect(logsApp);
    const snapshot = nextEvent<PortfolioUpdate>(socket, 'portfolio_update', 5000);
    expect(await emitWithAck(socket, 'join_portfolio', { walletAddress: sei1 })).toEqual({ ok: true, data: { walletAddress: wallet, subscriptions: 1 } });
    expect((await snapshot).walletAddress).toBe(wallet);
  });

  it('pushes a balance_change with exact changes within 5 s of an ERC-20 transfer to the wallet (found in the Transfer logs)', async () => {
    const wallet = freshWallet();
    await mintTokens(h.devnet, [{ token: token.address, to: wallet, amount: parseEther('5') }]);
    const socket = await connect(logsApp);
    await subscribe(logsApp, socket, wallet);
    const logsBefore = h.proxy.stats().methods['eth_getLogs'] ?? 0;

    const pushed = nextEvent<PortfolioUpdate>(socket, 'portfolio_update', 5000);
    const receipt = await transfer(wallet, parseEther('10'));
    const update = await pushed;
    expect(update.type).toBe('balance_change');
    expect(update.walletAddress).toBe(wallet);
    expect(update.changes).toEqual([
      { path: 'totalValueUSD', before: 5 * TOKEN_PRICE, after: 15 * TOKEN_PRICE },
      { path: 'netWorthUSD', before: 5 * TOKEN_PRICE, after: 15 * TOKEN_PRICE },
      { path: `tokenBalances.${token.address}.balance`, before: parseEther('5').toString(), after: parseEther('15').toString() },
      { path: `tokenBalances.${token.address}.valueUSD`, before: 5 * TOKEN_PRICE, after: 15 * TOKEN_PRICE },
    ]);
    expect(update.blockNumber).toBeGreaterThanOrEqual(Number(receipt.blockNumber));
    expect(balanceOf(update, token.address)).toBe(parseEther('15').toString());
    expect((h.proxy.stats().methods['eth_getLogs'] ?? 0) - logsBefore).toBeGreaterThan(0);
  });

  it('sends nothing to a wallet when another wallet receives tokens', async () => {
    const watched = freshWallet();
    const socket = await connect(logsApp);
    await subscribe(logsApp, socket, watched);
    const updates = collect<PortfolioUpdate>(socket, 'portfolio_update');
    const logsBefore = h.proxy.stats().methods['eth_getLogs'] ?? 0;
    await transfer(freshWallet(), parseUnits('7', 18));
    // Then a transfer to the watched wallet, in a later block: its push is the first one this socket may see.
    const pushed = nextEvent<PortfolioUpdate>(socket, 'portfolio_update', 5000);
    await transfer(watched, parseUnits('1', 18));
    const update = await pushed;
    expect(balanceOf(update, token.address)).toBe(parseUnits('1', 18).toString());
    expect(updates).toEqual([update]);
    // The watcher did scan the blocks with those transfers.
    expect((h.proxy.stats().methods['eth_getLogs'] ?? 0) - logsBefore).toBeGreaterThan(0);
  });

  it('pushes a native SEI balance change (no log) within the re-read interval', async () => {
    const wallet = freshWallet();
    await h.devnet.setBalance(wallet, parseEther('4'));
    const socket = await connect(rereadApp);
    await subscribe(rereadApp, socket, wallet);
    const pushed = nextEvent<PortfolioUpdate>(socket, 'portfolio_update', 5000);
    await h.devnet.setBalance(wallet, parseEther('6'));
    const update = await pushed;
    expect(update.type).toBe('balance_change');
    expect(update.changes).toEqual([
      { path: 'totalValueUSD', before: 4 * SEI_PRICE, after: 6 * SEI_PRICE },
      { path: 'netWorthUSD', before: 4 * SEI_PRICE, after: 6 * SEI_PRICE },
      { path: 'tokenBalances.native.balance', before: parseEther('4').toString(), after: parseEther('6').toString() },
      { path: 'tokenBalances.native.valueUSD', before: 4 * SEI_PRICE, after: 6 * SEI_PRICE },
    ]);
  });

  it('pushes the changes a refresh request finds (every fresh read pushes)', async () => {
    const wallet = freshWallet();
    await h.devnet.setBalance(wallet, parseEther('1'));
    const socket = await connect(logsApp);
    await subscribe(logsApp, socket, wallet);
    await h.devnet.setBalance(wallet, parseEther('2'));
    const pushed = nextEvent<PortfolioUpdate>(socket, 'portfolio_update', 5000);
    expect((await request(logsApp.app).post(`/api/portfolio/${wallet}/refresh`)).status).toBe(200);
    expect((await pushed).changes.find((c) => c.path === 'tokenBalances.native.balance')).toEqual({
      path: 'tokenBalances.native.balance',
      before: parseEther('1').toString(),
      after: parseEther('2').toString(),
    });
  });

  it('bounds the wallets one socket follows (SUBSCRIPTION_LIMIT), and unsubscribe frees a slot', async () => {
    const [a, b, c] = [freshWallet(), freshWallet(), freshWallet()];
    const socket = await connect(logsApp);
    expect((await emitWithAck(socket, 'subscribe', { walletAddress: a })).ok).toBe(true);
    expect((await emitWithAck(socket, 'subscribe', { walletAddress: b })).ok).toBe(true);
    expect(await emitWithAck(socket, 'subscribe', { walletAddress: c })).toEqual({
      ok: false,
      error: { code: 'SUBSCRIPTION_LIMIT', message: 'A connection may follow at most 2 wallets: unsubscribe from one first' },
    });
    expect(await emitWithAck(socket, 'subscribe', { walletAddress: a })).toEqual({ ok: true, data: { walletAddress: a, subscriptions: 2 } });
    expect(await emitWithAck(socket, 'unsubscribe', { walletAddress: b.toLowerCase() })).toEqual({ ok: true, data: { walletAddress: b, subscriptions: 1 } });
    expect(await emitWithAck(socket, 'subscribe', { walletAddress: c })).toEqual({ ok: true, data: { walletAddress: c, subscriptions: 2 } });
  });

  it('stops pushing to a socket that unsubscribed', async () => {
    const wallet = freshWallet();
    const socket = await connect(logsApp);
    await subscribe(logsApp, socket, wallet);
    expect((await emitWithAck(socket, 'unsubscribe', { walletAddress: wallet })).ok).toBe(true);
    const updates = collect<PortfolioUpdate>(socket, 'portfolio_update');
    const witness = await connect(logsApp);
    await subscribe(logsApp, witness, wallet);
    const witnessed = nextEvent<PortfolioUpdate>(witness, 'portfolio_update', 5000);
    await transfer(wallet, parseEther('1'));
    expect((await request(logsApp.app).post(`/api/portfolio/${wallet}/refresh`)).status).toBe(200);
    expect((await witnessed).walletAddress).toBe(wallet);
    // The room's push went out before the witness saw it; an ack on this socket arrives after anything sent before it.
    expect(await emitWithAck(socket, 'unsubscribe_prices')).toEqual({ ok: true, data: { tokens: [] } });
    expect(updates).toEqual([]);
  });
});

describe('wallets with alerts (WATCH_ALERTED_WALLETS)', () => {
  // A database of its own: the watcher re-reads every wallet with an alert, and the shared test database has many.
  const databaseName = `realtime_alerts_${process.pid}_${Date.now()}`;
  const adminUrl = 'postgres://postgres@127.0.0.1:5432/postgres';
  let h: ChainHarness;
  let app: RunningServer;
  let removeRegistry: () => void;
  let isDatabaseCreated = false;
  const admin = async (sql: string): Promise<void> => {
    const client = new Client({ connectionString: adminUrl });
    await client.connect();
    await client.query(sql);
    await client.end();
  };

  beforeAll(async () => {
    h = await startChainHarness();
    h.gecko.setPrice({ id: 'sei-network', usd: SEI_PRICE, change24h: 0 });
    await admin(`CREATE DATABASE "${databaseName}"`);
    isDatabaseCreated = true;
    const registry = writeRegistryFile({ tokens: [] });
    removeRegistry = registry.remove;
    app = await startAppOnHarness(h, registry.file, {
      DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${databaseName}`,
      WATCH_ALERTED_WALLETS: 'true',
      WATCH_POLL_INTERVAL_MS: '300',
      WATCH_REREAD_INTERVAL_MS: '60000',
    });
  }, 120_000);
  afterAll(async () => {
    await app?.shutdown('done');
    await h?.stop();
    removeRegistry?.();
    if (isDatabaseCreated) await admin(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  });

  it('an alert fires and reaches its owner as risk_alert with no subscription and no portfolio request', async () => {
    const owner = privateKeyToAccount(generatePrivateKey());
    await h.devnet.setBalance(owner.address, parseEther('10'));
    const token = await signIn(app.app, owner);
    const socket = await connectClient(app.url, { auth: { token } });
    try {
      const pushed = nextEvent<{ type: string; walletAddress: string; message: string }>(socket, 'risk_alert', 10_000);
      const created = await request(app.app).post('/api/alerts').set('Authorization', `Bearer ${token}`).send({ type: 'price_below', threshold: 0.3, token: 'native' });
      expect(created.status).toBe(201);
      const alert = await pushed;
      expect([alert.type, alert.walletAddress, alert.message]).toEqual(['price_below', owner.address, 'SEI is at $0.25, below your alert price of $0.30.']);
    } finally {
      socket.close();
    }
  }, 20_000);
});
