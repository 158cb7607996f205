import * as TE from 'fp-ts/TaskEither';
import type { Redis } from 'ioredis';
import type { AppError } from '../../domain/app-error';
import type { Logger } from '../logging/logger';
import type { SessionStatusCache } from '../../services/auth/session-status-cache';

const keyOf = (jti: string): string => `auth:session:${jti}`;

const isStatus = (value: string | null): value is 'active' | 'revoked' => value === 'active' || value === 'revoked';

/**
 * Session statuses shared by every worker, one key per token id, every key with a TTL. "active" is written with NX,
 * so it never replaces a "revoked" that another worker wrote meanwhile; "revoked" overwrites and expires with the token.
 */
export const makeRedisSessionStatusCache = (redis: Redis, logger: Logger): SessionStatusCache => ({
  get: (jti) => async () => {
    try {
      const value = await redis.get(keyOf(jti));
      return isStatus(value) ? value : undefined;
    } catch (cause) {
      logger.debug('session status cache unavailable: asking the session records', { cause });
      return undefined;
    }
  },
  putActive: (jti, ttlSeconds) => async () => {
    await redis.set(keyOf(jti), 'active', 'EX', ttlSeconds, 'NX').catch((cause: unknown) => logger.debug('session status not cached', { cause }));
  },
  putRevoked: (jti, until) =>
    TE.tryCatch(
      async () => {
        await redis.set(keyOf(jti), 'revoked', 'PXAT', until.getTime());
      },
      (cause): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'redis', cause }),
    ),
});
