import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { AiCallLimiter } from './ports';

/** Counts one AI call against the wallet's rate limit: Left RateLimited `AI_RATE_LIMITED` with Retry-After once spent. */
export const admitAiCall =
  (limiter: AiCallLimiter) =>
  (wallet: WalletAddress): TE.TaskEither<AppError, void> =>
  async () => {
    const decision = await limiter.consume(`wallet:${wallet}`);
    return decision.allowed ? E.right(undefined) : E.left({ _tag: 'RateLimited', code: 'AI_RATE_LIMITED', retryAfterSeconds: decision.retryAfterSeconds });
  };
