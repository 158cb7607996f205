import { scriptedPortfolio } from '../../tests/support/scripted-portfolio';
import { makeSilentLogger } from '../infra/logging/logger';
import { pushPortfolioChanges } from './push-portfolio-changes';
import type { RealtimePush } from './realtime-push';
import type { PortfolioUpdate } from './socket-events';
import { tokenAmount } from '../../tests/support/brands';

const recordingPush = () => {
  const updates: PortfolioUpdate[] = [];
  const ignore = () => undefined;
  const push: RealtimePush = { portfolioUpdate: (u) => void updates.push(u), prices: ignore, riskAlert: ignore, transactionUpdate: ignore, systemMessage: ignore };
  return { push, updates };
};

const at = () => new Date('2025-06-01T12:00:00.000Z');

describe('pushPortfolioChanges', () => {
  it('pushes a balance_change with the changes and the new portfolio (without cache fields) to the wallet', () => {
    const { push, updates } = recordingPush();
    const before = scriptedPortfolio({ prices: { native: 0.5 } });
    const after = { ...before, blockNumber: 120, cachedAt: '2025-06-01T11:59:00.000Z', tokenBalances: before.tokenBalances.map((b) => ({ ...b, balance: tokenAmount('2000000000000000000') })) };
    pushPortfolioChanges(push, makeSilentLogger(), at)(after, before);
    const { cachedAt: _cachedAt, ...data } = after;
    expect(updates).toEqual([
      {
        walletAddress: before.walletAddress,
        type: 'balance_change',
        data,
        changes: [{ path: 'tokenBalances.native.balance', before: '1000000000000000000', after: '2000000000000000000' }],
        blockNumber: 120,
        timestamp: '2025-06-01T12:00:00.000Z',
      },
    ]);
  });

  it('pushes nothing when nothing on chain moved, even if prices did', () => {
    const { push, updates } = recordingPush();
    const before = scriptedPortfolio({ prices: { native: 0.5 }, netWorthUSD: 1000 });
    const repriced = { ...scriptedPortfolio({ prices: { native: 0.6 }, netWorthUSD: 1200 }), blockNumber: 101 };
    pushPortfolioChanges(push, makeSilentLogger(), at)(before, before);
    pushPortfolioChanges(push, makeSilentLogger(), at)(repriced, before);
    expect(updates).toEqual([]);
  });

  it('pushes the read as a snapshot when there is no cached copy to compare with', () => {
    const { push, updates } = recordingPush();
    const fresh = scriptedPortfolio({ prices: { native: 0.5 } });
    pushPortfolioChanges(push, makeSilentLogger(), at)(fresh, null);
    expect(updates.map((u) => [u.type, u.changes])).toEqual([['snapshot', []]]);
  });
});
