import type * as T from 'fp-ts/Task';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';

/** What the session records said about a token, as cached. */
export type CachedSessionStatus = 'active' | 'revoked';

/**
 * A cache in front of the session records, shared by the workers when it lives in Redis. Losing any entry is safe (the
 * records are asked again); what it may get wrong is bounded: "active" is kept only a few seconds, and never over
 * "revoked".
 */
export interface SessionStatusCache {
  /** The cached status, or undefined on a miss; a cache that cannot answer is a miss. */
  readonly get: (jti: string) => T.Task<CachedSessionStatus | undefined>;
  /** Caches "active" for `ttlSeconds`, unless something is cached already (a "revoked" written meanwhile stays). */
  readonly putActive: (jti: string, ttlSeconds: number) => T.Task<void>;
  /** Caches "revoked" until `until` (the token's own expiry), over whatever was cached. */
  readonly putRevoked: (jti: string, until: Date) => TE.TaskEither<AppError, void>;
}
