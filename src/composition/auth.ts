import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import type { PublicClient } from 'viem';
import type { AppConfig } from '../config/app-config';
import { makeSessionsRepository } from '../infra/db/sessions-repository';
import { makeAccessTokens } from '../services/auth/access-tokens';
import { makeAuthService, type AuthService } from '../services/auth/auth-service';
import { makeMemoryNonceStore } from '../services/auth/memory-nonce-store';
import { makeMemoryRevokedTokens } from '../services/auth/memory-revoked-tokens';
import { makeRedisNonceStore } from '../services/auth/redis-nonce-store';
import { makeRedisRevokedTokens } from '../services/auth/redis-revoked-tokens';
import { makeSiweSignatureVerifier } from '../adapters/chain/siwe-signature-verifier';
import type { Logger } from '../services/ports/logger';

export interface MakeAuthDeps {
  readonly config: AppConfig;
  /** Shared nonces and revocations across workers; undefined = this process only. */
  readonly redis: Redis | undefined;
  readonly pool: Pool;
  /** The chain client, for contract-wallet (ERC-1271 / ERC-6492) signatures. */
  readonly chain: PublicClient;
  readonly logger: Logger;
  readonly now: () => Date;
}

const MEMORY_NONCE_LIMIT = 100_000;

/** Builds the sign-in service from config: Redis-backed nonces and revocations when Redis is configured, memory otherwise. */
export const makeAuth = (deps: MakeAuthDeps): AuthService => {
  const { config, redis, logger } = deps;
  const nowMs = () => deps.now().getTime();
  const localNonces = makeMemoryNonceStore({ maxEntries: MEMORY_NONCE_LIMIT, now: nowMs });
  const localRevoked = makeMemoryRevokedTokens(nowMs);
  return makeAuthService({
    nonces: redis === undefined ? localNonces : makeRedisNonceStore(redis, localNonces, logger),
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
    revoked: redis === undefined ? localRevoked : makeRedisRevokedTokens(redis, localRevoked, nowMs),
    logger,
    now: deps.now,
  });
};
