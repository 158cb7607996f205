import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { Redis } from 'ioredis';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { nextUtcMidnight, secondsUntilUtcMidnight, utcDay } from '../../domain/ai/utc-day';
import type { Logger } from '../../infra/logging/logger';

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
  /** Shared counters across workers (`INCRBY`, expiring after UTC midnight); per process without it or while it is down. */
  readonly redis?: Redis;
  readonly logger: Logger;
  readonly now: () => Date;
}

const MAX_MEMORY_KEYS = 100_000;

export const makeTokenBudget = (options: TokenBudgetOptions): TokenBudget => {
  const memory = new Map<string, number>();
  const keyOf = (wallet: WalletAddress) => `ai-budget:${utcDay(options.now())}:${wallet}`;
  const redis = options.redis;
  const useRedis = () => redis !== undefined && redis.status === 'ready';

  const readMemory = (key: string) => memory.get(key) ?? 0;
  const addMemory = (key: string, tokens: number) => {
    const today = `ai-budget:${utcDay(options.now())}:`;
    if (memory.size > MAX_MEMORY_KEYS) for (const k of memory.keys()) if (!k.startsWith(today)) memory.delete(k);
    memory.set(key, readMemory(key) + tokens);
  };

  const usedToday = async (wallet: WalletAddress): Promise<number> => {
    const key = keyOf(wallet);
    if (redis !== undefined && useRedis()) {
      try {
        const value = await redis.get(key);
        return Math.max(Number(value ?? 0), readMemory(key));
      } catch (cause) {
        options.logger.warn('AI budget read failed; using the per-process count', { cause });
      }
    }
    return readMemory(key);
  };

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
      const key = keyOf(wallet);
      if (redis !== undefined && useRedis()) {
        try {
          const expireAt = Math.floor(nextUtcMidnight(options.now()).getTime() / 1000) + 3600;
          await redis.multi().incrby(key, tokens).expireat(key, expireAt).exec();
          return;
        } catch (cause) {
          options.logger.warn('AI budget write failed; counting in this process', { cause });
        }
      }
      addMemory(key, tokens);
    },
  };
};
