import type { TokenRef } from '../../domain/tokens/token-ref';
import type { Logger } from '../ports/logger';
import type { PriceFeed } from '../pricing/price-feed';
import { movedPrices, type PriceTick } from './moved-prices';
import { repeatEvery, type Repeating } from './repeat-every';

export interface PriceTickerDeps {
  readonly priceFeed: PriceFeed;
  /** The registry tokens and the native coin. */
  readonly tokens: ReadonlyArray<TokenRef>;
  /** Whether anyone in the cluster subscribes to prices: no subscriber, no price reads. */
  readonly hasSubscribers: () => Promise<boolean>;
  /** Pushes the prices that moved since the last tick. */
  readonly publish: (moved: Readonly<Record<string, PriceTick>>) => void;
  readonly intervalMs: number;
  readonly logger: Logger;
  /** Called after every tick, done or failed (a counter to watch the loop by). */
  readonly onTicked?: () => void;
}

/**
 * The leader's price loop: every interval, while someone listens, read the prices (through the cached feed, so one
 * upstream call per TTL at most) and publish those that moved. The first tick after (re)gaining listeners publishes all.
 */
export const startPriceTicker = (deps: PriceTickerDeps): Repeating => {
  let lastUsd = new Map<string, number>();
  const tick = async (): Promise<void> => {
    if (!(await deps.hasSubscribers())) {
      lastUsd = new Map();
      return;
    }
    const prices = await deps.priceFeed.getPrices(deps.tokens)();
    const moved = movedPrices(lastUsd, prices);
    for (const [key, price] of prices) lastUsd.set(key, price.usd);
    if (Object.keys(moved).length > 0) deps.publish(moved);
  };
  return repeatEvery(deps.intervalMs, async () => {
    try {
      await tick();
    } catch (cause) {
      deps.logger.warn('price tick failed', { cause });
    }
    deps.onTicked?.();
  });
};
