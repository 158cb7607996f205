import type { Portfolio } from '../domain/portfolio/portfolio';
import { portfolioChanges, portfolioUpdateType } from '../domain/portfolio/portfolio-changes';
import type { Logger } from '../services/ports/logger';
import type { RealtimePush } from './realtime-push';

/**
 * The portfolio's onFreshRead hook for subscribers: after every fresh chain read (watcher, refresh route, cache miss),
 * push what changed since the cached copy, as `balance_change` or `position_update`; nothing when nothing on chain
 * moved. Without a cached copy to compare with, the new read goes out as a `snapshot`. Never throws.
 */
export const pushPortfolioChanges =
  (push: RealtimePush, logger: Logger, now: () => Date = () => new Date()) =>
  (portfolio: Portfolio, previous: Portfolio | null): void => {
    try {
      const { cachedAt: _cachedAt, stale: _stale, ...data } = portfolio;
      const base = { walletAddress: portfolio.walletAddress, data, blockNumber: portfolio.blockNumber, timestamp: now().toISOString() };
      if (previous === null) {
        push.portfolioUpdate({ ...base, type: 'snapshot', changes: [] });
        return;
      }
      const changes = portfolioChanges(previous, portfolio);
      const type = portfolioUpdateType(changes);
      if (type !== null) push.portfolioUpdate({ ...base, type, changes });
    } catch (cause) {
      logger.error('portfolio push failed', { wallet: portfolio.walletAddress, cause });
    }
  };
