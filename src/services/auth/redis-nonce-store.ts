import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Redis } from 'ioredis';
import type { AppError } from '../../domain/app-error';
import type { Logger } from '../ports/logger';
import type { NonceStore } from './nonce-store';

const keyOf = (nonce: string): string => `auth:nonce:${nonce}`;
const redisDown = (cause: unknown): AppError => ({ _tag: 'DependencyUnavailable', dependency: 'redis', cause });

/**
 * Nonces shared by every worker: `SET key EX ttl NX` to issue, `GETDEL` to consume (one atomic command, so of any
 * number of concurrent verifications exactly one sees the nonce). While Redis is down new nonces go to `local`,
 * and consuming looks there first.
 */
export const makeRedisNonceStore = (redis: Redis, local: NonceStore, logger: Logger): NonceStore => ({
  put: (nonce, ttlSeconds) =>
    pipe(
      TE.tryCatch(() => redis.set(keyOf(nonce), '1', 'EX', ttlSeconds, 'NX'), redisDown),
      TE.map(() => undefined),
      TE.orElse((e) => {
        logger.warn('redis unavailable: sign-in nonce kept in this process only', { cause: e._tag === 'DependencyUnavailable' ? e.cause : undefined });
        return local.put(nonce, ttlSeconds);
      }),
    ),
  consume: (nonce) =>
    pipe(
      local.consume(nonce),
      TE.flatMap((wasLocal) => (wasLocal ? TE.right(true) : TE.tryCatch(async () => (await redis.getdel(keyOf(nonce))) !== null, redisDown))),
    ),
});
