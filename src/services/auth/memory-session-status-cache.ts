import * as T from 'fp-ts/Task';
import * as TE from 'fp-ts/TaskEither';
import type { CachedSessionStatus, SessionStatusCache } from './session-status-cache';

interface Entry {
  readonly status: CachedSessionStatus;
  readonly expiresAt: number;
}

/** Session statuses in this process only (no Redis). Past `maxEntries` the oldest are dropped: a miss is always safe. */
export const makeMemorySessionStatusCache = (options: { readonly maxEntries: number; readonly now: () => number }): SessionStatusCache => {
  const entries = new Map<string, Entry>();
  const live = (jti: string): Entry | undefined => {
    const entry = entries.get(jti);
    if (entry !== undefined && entry.expiresAt <= options.now()) entries.delete(jti);
    return entries.get(jti);
  };
  const put = (jti: string, entry: Entry): void => {
    entries.delete(jti);
    while (entries.size >= options.maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done === true) break;
      entries.delete(oldest.value);
    }
    entries.set(jti, entry);
  };
  return {
    get: (jti) => T.fromIO(() => live(jti)?.status),
    putActive: (jti, ttlSeconds) =>
      T.fromIO(() => {
        if (live(jti) === undefined) put(jti, { status: 'active', expiresAt: options.now() + ttlSeconds * 1000 });
      }),
    putRevoked: (jti, until) => TE.fromIO(() => put(jti, { status: 'revoked', expiresAt: until.getTime() })),
  };
};
