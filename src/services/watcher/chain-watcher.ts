import type { WalletAddress } from '../../domain/address/wallet-address';
import type { Logger } from '../ports/logger';
import { repeatEvery, type Repeating } from './repeat-every';
import { makeRereadSchedule } from './reread-schedule';
import type { WatchedChain } from './ports';

export interface ChainWatcherDeps {
  readonly chain: WatchedChain;
  /** The wallets someone in the cluster is subscribed to. */
  readonly wallets: () => Promise<ReadonlyArray<WalletAddress>>;
  /** A fresh read of the wallet; its result reaches subscribers through the portfolio's onFreshRead hook. */
  readonly refresh: (wallet: WalletAddress) => Promise<void>;
  readonly pollIntervalMs: number;
  readonly rereadIntervalMs: number;
  readonly logger: Logger;
  /** Blocks scanned at most after a pause; beyond, the scan skips ahead and every wallet is re-read instead. Default 10,000. */
  readonly maxCatchUpBlocks?: bigint;
  /** Scheduled re-reads started per poll, so a large watch list is spread out. Default 25. */
  readonly maxRereadsPerPoll?: number;
  readonly now?: () => number;
  /** Called after every poll, done or failed (a counter to watch the loop by). */
  readonly onPolled?: () => void;
}

const REFRESH_CONCURRENCY = 4;

const forEachLimited = async <A>(items: ReadonlyArray<A>, limit: number, run: (a: A) => Promise<void>): Promise<void> => {
  const queue = [...items];
  const worker = async (): Promise<void> => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await run(item);
  };
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, worker));
};

/**
 * The leader's chain loop. Every poll: list the watched wallets (nothing to do, and no RPC call, when there are none),
 * read the head block, scan the new blocks' Transfer logs for those wallets and refresh each one touched; then
 * refresh the wallets whose re-read interval has passed (native SEI transfers and position changes emit no Transfer log).
 */
export const startChainWatcher = (deps: ChainWatcherDeps): Repeating => {
  const now = deps.now ?? Date.now;
  const maxCatchUp = deps.maxCatchUpBlocks ?? 10_000n;
  const schedule = makeRereadSchedule<WalletAddress>(deps.rereadIntervalMs);
  let cursor: bigint | undefined;
  let isFailing = false;

  const refresh = async (wallet: WalletAddress): Promise<void> => {
    await deps.refresh(wallet);
    schedule.markRead(wallet, now());
  };

  const poll = async (): Promise<void> => {
    const wallets = await deps.wallets();
    schedule.track(wallets, now());
    if (wallets.length === 0) {
      cursor = undefined;
      return;
    }
    const head = await deps.chain.headBlock();
    let touched: ReadonlySet<WalletAddress> = new Set();
    if (cursor === undefined || head < cursor) cursor = head;
    else if (head > cursor) {
      let fromBlock = cursor + 1n;
      if (head - cursor > maxCatchUp) {
        fromBlock = head - maxCatchUp + 1n;
        schedule.expireAll();
        deps.logger.warn('block scan fell behind: skipping ahead and re-reading every watched wallet', { skippedTo: fromBlock.toString() });
      }
      touched = await deps.chain.touchedWallets({ fromBlock, toBlock: head }, wallets);
      cursor = head;
    }
    const due = schedule.due(now(), deps.maxRereadsPerPoll ?? 25).filter((w) => !touched.has(w));
    await forEachLimited([...touched, ...due], REFRESH_CONCURRENCY, refresh);
  };

  return repeatEvery(deps.pollIntervalMs, async () => {
    try {
      await poll();
      if (isFailing) deps.logger.info('chain watcher recovered');
      isFailing = false;
    } catch (cause) {
      if (!isFailing) deps.logger.warn('chain watcher poll failed: retrying every poll', { cause });
      isFailing = true;
    }
    deps.onPolled?.();
  });
};
