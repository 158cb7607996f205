import type { WalletAddress } from '../../domain/address/wallet-address';
import type { TokenRef } from '../../domain/tokens/token-ref';
import type { Logger } from '../ports/logger';
import type { PriceFeed } from '../pricing/price-feed';
import { startChainWatcher } from './chain-watcher';
import type { InterestSet, LeaseStore, WatchedChain } from './ports';
import { startLeaderElection } from './leader-election';
import type { PriceTick } from './moved-prices';
import { startPriceTicker } from './price-ticker';
import type { Repeating } from './repeat-every';

export interface WatcherDeps {
  readonly leases: LeaseStore;
  readonly leaseTtlMs: number;
  readonly chain: WatchedChain;
  /** Subscribed wallets, cluster-wide. */
  readonly wallets: InterestSet;
  /** Wallets with alerts: watched like subscribed ones, so their alerts are evaluated without a subscriber. */
  readonly alertedWallets?: () => Promise<ReadonlyArray<WalletAddress>>;
  /** Price subscribers, cluster-wide (the member `prices`). */
  readonly prices: InterestSet;
  readonly refresh: (wallet: WalletAddress) => Promise<void>;
  readonly priceFeed: PriceFeed;
  readonly priceTokens: ReadonlyArray<TokenRef>;
  readonly publishPrices: (moved: Readonly<Record<string, PriceTick>>) => void;
  readonly pollIntervalMs: number;
  readonly rereadIntervalMs: number;
  readonly priceIntervalMs: number;
  readonly logger: Logger;
  /** Called after each run of the leader's loops: the chain poll and the price tick. */
  readonly onLoopRun?: (loop: WatcherLoop) => void;
}

export type WatcherLoop = 'chain_watch' | 'price_tick';

export interface Watcher {
  readonly isLeader: () => boolean;
  /** Steps down (releasing the lease, so another worker takes over at once) and stops the loops. */
  readonly stop: () => Promise<void>;
}

const STOP_GRACE_MS = 1000;

/** The member of the prices InterestSet. */
export const PRICES_INTEREST = 'prices';

/** One watcher per cluster: campaigns for the `watcher` lease and, while leader, runs the chain loop and the price ticker. */
export const startWatcher = (deps: WatcherDeps): Watcher => {
  let loops: ReadonlyArray<Repeating> = [];
  const election = startLeaderElection({
    store: deps.leases,
    name: 'watcher',
    ttlMs: deps.leaseTtlMs,
    logger: deps.logger,
    onElected: () => {
      loops = [
        startChainWatcher({
          chain: deps.chain,
          wallets: async () => {
            const [subscribed, alerted] = await Promise.all([
              deps.wallets.list() as Promise<ReadonlyArray<WalletAddress>>,
              (deps.alertedWallets?.() ?? Promise.resolve([])).catch((cause: unknown) => {
                deps.logger.warn('alerted wallets unavailable: watching subscribed wallets only', { cause });
                return [];
              }),
            ]);
            return [...new Set([...subscribed, ...alerted])];
          },
          refresh: deps.refresh,
          pollIntervalMs: deps.pollIntervalMs,
          rereadIntervalMs: deps.rereadIntervalMs,
          logger: deps.logger,
          onPolled: () => deps.onLoopRun?.('chain_watch'),
        }),
        startPriceTicker({
          priceFeed: deps.priceFeed,
          tokens: deps.priceTokens,
          hasSubscribers: async () => (await deps.prices.list()).includes(PRICES_INTEREST),
          publish: deps.publishPrices,
          intervalMs: deps.priceIntervalMs,
          logger: deps.logger,
          onTicked: () => deps.onLoopRun?.('price_tick'),
        }),
      ];
    },
    onDeposed: async () => {
      const stopping = loops;
      loops = [];
      // A poll may be waiting on a slow RPC: give it a moment, not the whole shutdown budget.
      await Promise.race([Promise.all(stopping.map((loop) => loop.stop())), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
    },
  });
  return { isLeader: election.isLeader, stop: election.stop };
};
