/**
 * Two app processes (in-process, as main.ts composes them) sharing Redis and a key prefix, i.e. two workers of one
 * cluster, each reaching the devnet through its own counting proxy: rooms span both, exactly one watches the chain
 * and ticks prices, and the other takes over when the leader shuts down.
 */
import request from 'supertest';
import { encodeFunctionData, parseEther, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { mintTokens, testTokenAbi, type TestToken, deployTestTokens } from '../support/devnet';
import { startAppOnHarness, startChainHarness, writeRegistryFile, type ChainHarness, type CountingProxy } from '../support/app/chain-harness';
import { REAL_REDIS_URL, uniquePrefix } from '../support/app/start-test-server';
import { startRpcCountingProxy } from '../support/rpc-counting-proxy';
import { counterValue } from '../support/metric-count';
import { waitUntil } from '../support/wait-until';
import { collect, connectClient, disconnection, emitWithAck, nextEvent, type ClientSocket } from './support/socket-client';

interface PortfolioUpdate {
  readonly walletAddress: string;
  readonly type: string;
  readonly changes: ReadonlyArray<{ path: string; before: unknown; after: unknown }>;
}
interface PriceUpdate {
  readonly prices: Readonly<Record<string, { usd: number; change24h: number | null; updatedAt: string }>>;
  readonly timestamp: string;
}

const LEASE_TTL_MS = 1500;
const freshWallet = (): Address => privateKeyToAccount(generatePrivateKey()).address;

describe('two workers sharing Redis', () => {
  let h: ChainHarness;
  let token: TestToken;
  let removeRegistry: () => void;
  const workers: Array<{ app: RunningServer; proxy: CountingProxy; name: string }> = [];
  const sockets: ClientSocket[] = [];

  const connect = async (app: RunningServer): Promise<ClientSocket> => {
    const socket = await connectClient(app.url);
    sockets.push(socket);
    return socket;
  };
  const chainWatchCalls = (proxy: CountingProxy): number => (proxy.stats().methods['eth_blockNumber'] ?? 0) + (proxy.stats().methods['eth_getLogs'] ?? 0);
  const transfer = (to: Address, amount: bigint) =>
    h.devnet.sendTransaction({ to: token.address, data: encodeFunctionData({ abi: testTokenAbi, functionName: 'transfer', args: [to, amount] }) });
  /** Completed runs of a loop on each worker (the leader's count moves, the other's does not). */
  const loopRuns = (loop: 'chain_watch' | 'price_tick'): Promise<number[]> => Promise.all(workers.map((w) => counterValue(w.app.metrics.loopRuns, { loop })));
  const sum = (ns: ReadonlyArray<number>): number => ns.reduce((a, b) => a + b, 0);
  /** Waits until the cluster has completed `more` runs of the loop from now on; returns the runs per worker meanwhile. */
  const moreRuns = async (loop: 'chain_watch' | 'price_tick', more: number): Promise<number[]> => {
    const before = await loopRuns(loop);
    return waitUntil(
      async () => {
        const now = await loopRuns(loop);
        return sum(now) - sum(before) >= more ? now.map((n, i) => n - (before[i] ?? 0)) : undefined;
      },
      10_000,
      () => `${more} more ${loop} runs`,
    );
  };
  /** Chain-watching calls per worker over four polls of the cluster's watcher, a block mined meanwhile. */
  const watchCallsOverFourPolls = async (): Promise<number[]> => {
    workers.forEach((w) => w.proxy.reset());
    await h.devnet.mine(1);
    await moreRuns('chain_watch', 4);
    return workers.map((w) => chainWatchCalls(w.proxy));
  };
  /** The worker running the watcher: the one whose chain loop runs. */
  const leaderIndex = async (): Promise<number> => (await moreRuns('chain_watch', 2)).findIndex((n) => n > 0);

  beforeAll(async () => {
    h = await startChainHarness();
    [token] = (await deployTestTokens(h.devnet, [{ symbol: 'TKC', name: 'Token C', decimals: 18 }])) as [TestToken];
    h.gecko.setPrice({ id: 'sei-network', usd: 0.25, change24h: 1 });
    h.gecko.setPrice({ platform: 'sei-v2', address: token.address, usd: 1, change24h: 0 });
    await mintTokens(h.devnet, [{ token: token.address, to: h.devnet.accounts[0]?.address ?? '0x', amount: parseEther('1000') }]);
    const registry = writeRegistryFile({ tokens: [{ address: token.address, symbol: token.symbol, name: token.name, decimals: token.decimals, coingeckoId: null }] });
    removeRegistry = registry.remove;
    const shared = {
      REDIS_URL: REAL_REDIS_URL,
      REDIS_KEY_PREFIX: uniquePrefix(),
      WATCH_LEADER_TTL_MS: String(LEASE_TTL_MS),
      WATCH_POLL_INTERVAL_MS: '200',
      WATCH_REREAD_INTERVAL_MS: '60000',
      CACHE_TTL_PRICES: '1',
    };
    for (const name of ['A', 'B']) {
      const proxy = await startRpcCountingProxy(h.devnet.url);
      const app = await startAppOnHarness(h, registry.file, { ...shared, SEI_RPC_URL: proxy.url });
      workers.push({ app, proxy, name });
    }
  }, 120_000);
  afterEach(() => sockets.splice(0).forEach((s) => s.close()));
  afterAll(async () => {
    await Promise.all(workers.map((w) => w.app.shutdown('done')));
    await Promise.all(workers.map((w) => w.proxy.stop()));
    await h?.stop();
    removeRegistry?.();
  });

  it('a client of worker A receives the update caused by a refresh on worker B', async () => {
    const [a, b] = workers as [(typeof workers)[0], (typeof workers)[0]];
    const wallet = freshWallet();
    await h.devnet.setBalance(wallet, parseEther('1'));
    const socket = await connect(a.app);
    expect((await emitWithAck(socket, 'subscribe', { walletAddress: wallet })).ok).toBe(true);
    await moreRuns('chain_watch', 2); // the watcher has read the wallet once
    await h.devnet.setBalance(wallet, parseEther('3'));
    const pushed = nextEvent<PortfolioUpdate>(socket, 'portfolio_update', 5000);
    expect((await request(b.app.app).post(`/api/portfolio/${wallet}/refresh`)).status).toBe(200);
    const update = await pushed;
    expect(update.type).toBe('balance_change');
    expect(update.changes.find((c) => c.path === 'tokenBalances.native.balance')).toEqual({
      path: 'tokenBalances.native.balance',
      before: parseEther('1').toString(),
      after: parseEther('3').toString(),
    });
  });

  it('only one worker watches the chain, and it serves the subscribers of both', async () => {
    const [a, b] = workers as [(typeof workers)[0], (typeof workers)[0]];
    const [walletA, walletB] = [freshWallet(), freshWallet()];
    const socketA = await connect(a.app);
    const socketB = await connect(b.app);
    expect((await emitWithAck(socketA, 'subscribe', { walletAddress: walletA })).ok).toBe(true);
    expect((await emitWithAck(socketB, 'subscribe', { walletAddress: walletB })).ok).toBe(true);
    await moreRuns('chain_watch', 2); // the watcher has read both wallets once

    const calls = await watchCallsOverFourPolls();
    expect(calls.filter((n) => n > 0)).toHaveLength(1);
    expect(Math.max(...calls)).toBeGreaterThanOrEqual(4);

    const pushedA = nextEvent<PortfolioUpdate>(socketA, 'portfolio_update', 5000);
    const pushedB = nextEvent<PortfolioUpdate>(socketB, 'portfolio_update', 5000);
    await transfer(walletA, parseEther('2'));
    await transfer(walletB, parseEther('4'));
    expect([(await pushedA).walletAddress, (await pushedB).walletAddress]).toEqual([walletA, walletB]);
  });

  it('one price ticker for the cluster: each subscriber of either worker gets a moved price once', async () => {
    const [a, b] = workers as [(typeof workers)[0], (typeof workers)[0]];
    const socketA = await connect(a.app);
    const socketB = await connect(b.app);
    expect(await emitWithAck(socketA, 'subscribe_prices')).toEqual({ ok: true, data: { tokens: 'all' } });
    expect(await emitWithAck(socketB, 'subscribe_prices', { tokens: ['native'] })).toEqual({ ok: true, data: { tokens: ['native'] } });
    await moreRuns('price_tick', 2); // a tick that began after both subscriptions has published the prices as they are
    const seenA = collect<PriceUpdate>(socketA, 'price_update');
    const seenB = collect<PriceUpdate>(socketB, 'price_update');
    h.gecko.setPrice({ id: 'sei-network', usd: 0.31, change24h: 4 });
    const isMoved = (u: PriceUpdate) => u.prices['native']?.usd === 0.31;
    await Promise.all([nextEvent(socketA, 'price_update', 10_000, isMoved), nextEvent(socketB, 'price_update', 10_000, isMoved)]);
    // Two more ticks (a second publish would have gone out by then), then an ack on each socket, which arrives after it.
    await moreRuns('price_tick', 2);
    await Promise.all([emitWithAck(socketA, 'subscribe_prices'), emitWithAck(socketB, 'subscribe_prices', { tokens: ['native'] })]);
    const nativeMoves = (seen: ReadonlyArray<PriceUpdate>) => seen.filter((u) => u.prices['native']?.usd === 0.31);
    expect(nativeMoves(seenA)).toHaveLength(1);
    expect(nativeMoves(seenB)).toEqual([{ prices: { native: { usd: 0.31, change24h: 4, updatedAt: expect.any(String) } }, timestamp: expect.any(String) }]);
    // Only what moved: the token's price did not.
    expect(seenA.flatMap((u) => Object.keys(u.prices))).toEqual(['native']);
  });

  it('when the leader shuts down, the other worker takes over and keeps pushing', async () => {
    const index = await leaderIndex();
    const leader = workers[index];
    const survivor = workers[1 - index];
    if (leader === undefined || survivor === undefined) throw new Error(`no single leader: ${index}`);
    const wallet = freshWallet();
    const leaderClient = await connect(leader.app);
    const survivorClient = await connect(survivor.app);
    expect((await emitWithAck(survivorClient, 'subscribe', { walletAddress: wallet })).ok).toBe(true);
    await moreRuns('chain_watch', 2); // the watcher has read the wallet once

    survivor.proxy.reset();
    const survivorPolls = await counterValue(survivor.app.metrics.loopRuns, { loop: 'chain_watch' });
    const leaderClientGone = disconnection(leaderClient, 5000);
    await leader.app.shutdown('leader killed');
    expect(await leaderClientGone).toBe('transport close');
    // The handover itself (the lease released on a clean stop, taken at the next attempt) is timed in leader-election.test.ts.
    await waitUntil(
      async () => ((await counterValue(survivor.app.metrics.loopRuns, { loop: 'chain_watch' })) > survivorPolls ? true : undefined),
      10_000,
      () => 'the survivor to run the chain watch',
    );
    expect(chainWatchCalls(survivor.proxy)).toBeGreaterThan(0);

    const pushed = nextEvent<PortfolioUpdate>(survivorClient, 'portfolio_update', 5000);
    await transfer(wallet, parseEther('1'));
    expect((await pushed).walletAddress).toBe(wallet);
  }, 30_000);
});
