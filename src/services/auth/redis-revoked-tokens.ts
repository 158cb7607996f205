import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Redis } from 'ioredis';
import type { AppError } from '../../domain/app-error';
import type { RevokedTokens } from './revoked-tokens';

const keyOf = (jti: string): string => `auth:revoked:${jti}`;
const redisDown = (cause: unknown): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'redis', cause });

/**
 * Revocations shared by every worker: a Redis key per token id that expires with the token. This process also keeps
 * its own copy, so what it revoked stays revoked here whatever Redis does. A Redis failure is an error, never "not revoked".
 */
export const makeRedisRevokedTokens = (redis: Redis, local: RevokedTokens, now: () => number): RevokedTokens => ({
  revoke: (jti, until) =>
    pipe(
      local.revoke(jti, until),
      TE.flatMap(() =>
        TE.tryCatch(async () => {
          const ttlMs = until.getTime() - now();
          if (ttlMs > 0) await redis.set(keyOf(jti), '1', 'PX', ttlMs);
        }, redisDown),
      ),
    ),
  isRevoked: (jti) =>
    pipe(
      local.isRevoked(jti),
      TE.flatMap((here) => (here ? TE.right(true) : TE.tryCatch(async () => (await redis.exists(keyOf(jti))) === 1, redisDown))),
    ),
});
