import * as E from 'fp-ts/Either';
import { parseWalletAddress, type WalletAddress } from '../../domain/address/wallet-address';
import { makeMemoryTokenCounter } from '../../infra/token-usage/memory-token-counter';
import { makeTokenBudget } from './token-budget';

const wallet = (n: number): WalletAddress => {
  const parsed = parseWalletAddress(`0x${n.toString(16).padStart(40, '0')}`);
  if (E.isLeft(parsed)) throw new Error('bad address');
  return parsed.right;
};

describe('daily token budget (per process, without Redis)', () => {
  it('lets the call that crosses the budget finish, refuses the next until UTC midnight, per wallet', async () => {
    let now = new Date('2025-06-01T22:00:00Z');
    const budget = makeTokenBudget({ dailyTokens: 1000, counter: makeMemoryTokenCounter(() => now), now: () => now });
    expect(await budget.ensureAvailable(wallet(1))()).toEqual(E.right(undefined));
    await budget.record(wallet(1), 600);
    expect(await budget.ensureAvailable(wallet(1))()).toEqual(E.right(undefined));
    await budget.record(wallet(1), 600);
    expect(await budget.usedToday(wallet(1))).toBe(1200);
    expect(await budget.ensureAvailable(wallet(1))()).toEqual(E.left({ _tag: 'RateLimited', code: 'AI_BUDGET_EXCEEDED', retryAfterSeconds: 7200 }));
    expect(await budget.ensureAvailable(wallet(2))()).toEqual(E.right(undefined));

    now = new Date('2025-06-02T00:00:01Z');
    expect(await budget.usedToday(wallet(1))).toBe(0);
    expect(await budget.ensureAvailable(wallet(1))()).toEqual(E.right(undefined));
  });
});
