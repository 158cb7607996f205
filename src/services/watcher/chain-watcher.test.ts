import { waitFor } from '../../../tests/support/wait-until';
import { makeSilentLogger } from '../../infra/logging/logger';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { startChainWatcher } from './chain-watcher';
import type { BlockRange, WatchedChain } from './ports';

const A = '0x1111111111111111111111111111111111111111' as WalletAddress;
const B = '0x2222222222222222222222222222222222222222' as WalletAddress;

const waitUntil = (isDone: () => boolean, timeoutMs = 2000): Promise<true> => waitFor('the condition', isDone, timeoutMs);

/** A scripted chain: the head block is set by the test; `touched` answers which wallets a range touched. */
const fakeChain = (touched: (range: BlockRange) => ReadonlyArray<WalletAddress> = () => []) => {
  const state = { head: 100n, headCalls: 0, ranges: [] as BlockRange[], failing: false };
  const chain: WatchedChain = {
    headBlock: async () => {
      state.headCalls += 1;
      if (state.failing) throw new Error('rpc down');
      return state.head;
    },
    touchedWallets: async (range) => {
      state.ranges.push(range);
      return new Set(touched(range));
    },
  };
  return { chain, state };
};

describe('startChainWatcher', () => {
  const logger = makeSilentLogger();

  it('asks the chain nothing while no wallet is watched', async () => {
    const { chain, state } = fakeChain();
    let listed = 0;
    const watcher = startChainWatcher({ chain, wallets: async () => (listed++, []), refresh: async () => undefined, pollIntervalMs: 5, rereadIntervalMs: 60_000, logger });
    await waitUntil(() => listed >= 5);
    await watcher.stop();
    expect(state.headCalls).toBe(0);
  });

  it('reads a new wallet at once, then scans each new block range once and refreshes only the wallets it touched', async () => {
    const { chain, state } = fakeChain((range) => (range.fromBlock <= 103n && 103n <= range.toBlock ? [B] : []));
    const refreshed: WalletAddress[] = [];
    const watcher = startChainWatcher({ chain, wallets: async () => [A, B], refresh: async (w) => void refreshed.push(w), pollIntervalMs: 5, rereadIntervalMs: 60_000, logger });
    await waitUntil(() => refreshed.length === 2);
    expect([...refreshed].sort()).toEqual([A, B]);
    state.head = 105n;
    await waitUntil(() => refreshed.length === 3);
    // Two more polls at the same head: any further scan or refresh would have happened by then.
    const polls = state.headCalls;
    await waitUntil(() => state.headCalls >= polls + 2);
    await watcher.stop();
    expect(refreshed).toHaveLength(3);
    expect(state.ranges).toEqual([{ fromBlock: 101n, toBlock: 105n }]);
    expect(refreshed[2]).toBe(B);
  });

  it('after a gap longer than it may scan, scans only the latest blocks and re-reads every wallet instead', async () => {
    const { chain, state } = fakeChain();
    const refreshed: WalletAddress[] = [];
    const watcher = startChainWatcher({
      chain,
      wallets: async () => [A, B],
      refresh: async (w) => void refreshed.push(w),
      pollIntervalMs: 5,
      rereadIntervalMs: 60_000,
      maxCatchUpBlocks: 1000n,
      logger,
    });
    await waitUntil(() => refreshed.length === 2);
    state.head = 100_000n;
    await waitUntil(() => refreshed.length === 4);
    await watcher.stop();
    expect(state.ranges).toEqual([{ fromBlock: 99_001n, toBlock: 100_000n }]);
  });

  it('keeps its place while the RPC fails, and scans the missed blocks once it answers again', async () => {
    const { chain, state } = fakeChain();
    const watcher = startChainWatcher({ chain, wallets: async () => [A], refresh: async () => undefined, pollIntervalMs: 5, rereadIntervalMs: 60_000, logger });
    await waitUntil(() => state.headCalls >= 2);
    state.failing = true;
    state.head = 110n;
    const callsWhenFailing = state.headCalls;
    await waitUntil(() => state.headCalls >= callsWhenFailing + 3);
    state.failing = false;
    await waitUntil(() => state.ranges.length === 1);
    await watcher.stop();
    expect(state.ranges).toEqual([{ fromBlock: 101n, toBlock: 110n }]);
  });

  it('re-reads each watched wallet again once its interval has passed on its clock, and not before', async () => {
    const { chain, state } = fakeChain();
    const refreshed: WalletAddress[] = [];
    let nowMs = 1_000_000;
    const watcher = startChainWatcher({ chain, wallets: async () => [A], refresh: async (w) => void refreshed.push(w), pollIntervalMs: 5, rereadIntervalMs: 80, logger, now: () => nowMs });
    await waitUntil(() => refreshed.length === 1);
    nowMs += 79;
    const polls = state.headCalls;
    await waitUntil(() => state.headCalls >= polls + 2);
    expect(refreshed).toEqual([A]);
    nowMs += 1;
    await waitUntil(() => refreshed.length === 2);
    await watcher.stop();
    expect(refreshed).toEqual([A, A]);
  });
});
