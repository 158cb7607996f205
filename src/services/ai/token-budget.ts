import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { nextUtcMidnight, secondsUntilUtcMidnight, utcDay } from '../../domain/ai/utc-day';
import type { TokenUsageCounter } from './ports';

/**
 * A wallet's model tokens per UTC day. Usage is counted after each call from the tokens the model reports, so the
 * call that crosses the budget completes and the next one is refused.
 */
export interface TokenBudget {
  /** Left RateLimited `AI_BUDGET_EXCEEDED` (Retry-After: until UTC midnight) once today's usage reached the budget. */
  readonly ensureAvailable: (wallet: WalletAddress) => TE.TaskEither<AppError, void>;
  readonly record: (wallet: WalletAddress, tokens: number) => Promise<void>;
  readonly usedToday: (wallet: WalletAddress) => Promise<number>;
}

export interface TokenBudgetOptions {
  readonly dailyTokens: number;
  /** Where the day's counts live: shared across workers through Redis when configured, else per process. */
  readonly counter: TokenUsageCounter;
  readonly now: () => Date;
}

/** Counts stay an hour past UTC midnight, then expire. */
const KEEP_PAST_MIDNIGHT_MS = 3600 * 1000;

export const makeTokenBudget = (options: TokenBudgetOptions): TokenBudget => {
  const keyOf = (wallet: WalletAddress) => `ai-budget:${utcDay(options.now())}:${wallet}`;
  const usedToday = (wallet: WalletAddress): Promise<number> => options.counter.read(keyOf(wallet));

  return {
    usedToday,
    ensureAvailable: (wallet) => async (): Promise<E.Either<AppError, void>> => {
      const used = await usedToday(wallet);
      return used >= options.dailyTokens
        ? E.left({ _tag: 'RateLimited', code: 'AI_BUDGET_EXCEEDED', retryAfterSeconds: secondsUntilUtcMidnight(options.now()) })
        : E.right(undefined);
    },
    record: async (wallet, tokens) => {
      if (tokens <= 0) return;
      await options.counter.add(keyOf(wallet), tokens, new Date(nextUtcMidnight(options.now()).getTime() + KEEP_PAST_MIDNIGHT_MS));
    },
  };
};
