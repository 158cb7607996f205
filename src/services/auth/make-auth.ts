import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { PublicClient } from 'viem';
import type { AppConfig } from '../../config/app-config';
import { makePostgresNonceStore } from '../../infra/db/nonces-repository';
import { makeSessionsRepository } from '../../infra/db/sessions-repository';
import type { Logger } from '../../infra/logging/logger';
import { makeRedisSessionStatusCache } from '../../infra/redis/redis-session-status-cache';
import { makeAccessTokens } from './access-tokens';
import { makeAuthService, type AuthService } from './auth-service';
import { makeMemorySessionStatusCache } from './memory-session-status-cache';
import { makeSiweSignatureVerifier } from './siwe-signature-verifier';

export interface MakeAuthDeps {
  readonly config: AppConfig;
  /** Caches session statuses for every worker; undefined = this process only. */
  readonly redis: Redis | undefined;
  readonly pool: Pool;
  /** The chain client, for contract-wallet (ERC-1271 / ERC-6492) signatures. */
  readonly chain: PublicClient;
  readonly logger: Logger;
  readonly now: () => Date;
}

const MEMORY_SESSION_LIMIT = 100_000;

/** Builds the sign-in service from config: nonces and session records in Postgres, session statuses cached in Redis when configured (else in memory). */
export const makeAuth = (deps: MakeAuthDeps): AuthService => {
  const { config, redis, logger } = deps;
  const nowMs = () => deps.now().getTime();
  return makeAuthService({
    nonces: makePostgresNonceStore(deps.pool, deps.now),
    nonceTtlSeconds: config.auth.nonceTtlSeconds,
    siwe: { domain: config.auth.siweDomain, uri: config.auth.siweUri, chainId: config.chain.chainId, maxAgeSeconds: config.auth.siweMaxAgeSeconds },
    verifySignature: makeSiweSignatureVerifier(deps.chain, config.chain.rpcTimeoutMs, logger),
    tokens: makeAccessTokens({
      secret: config.secrets.jwtSecret,
      issuer: config.auth.jwtIssuer,
      audience: config.auth.jwtAudience,
      ttlSeconds: config.auth.jwtTtlSeconds,
      now: deps.now,
    }),
    sessions: makeSessionsRepository(deps.pool),
    sessionCache: redis === undefined ? makeMemorySessionStatusCache({ maxEntries: MEMORY_SESSION_LIMIT, now: nowMs }) : makeRedisSessionStatusCache(redis, logger),
    activeCacheSeconds: config.auth.sessionCacheSeconds,
    logger,
    now: deps.now,
  });
};
