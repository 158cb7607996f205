import * as TE from 'fp-ts/TaskEither';
import type { RevokedTokens } from './revoked-tokens';

/** Revocations in this process; entries are dropped once the token has expired anyway. */
export const makeMemoryRevokedTokens = (now: () => number): RevokedTokens => {
  const until = new Map<string, number>();
  const prune = (): void => {
    const t = now();
    for (const [jti, expiry] of until) if (expiry <= t) until.delete(jti);
  };
  return {
    revoke: (jti, expiresAt) =>
      TE.fromIO(() => {
        if (until.size > 1000) prune();
        until.set(jti, expiresAt.getTime());
      }),
    isRevoked: (jti) => TE.fromIO(() => (until.get(jti) ?? 0) > now()),
  };
};
