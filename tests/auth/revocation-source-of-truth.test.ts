import { Redis } from 'ioredis';
import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { REAL_REDIS_URL, startTestServer, uniquePrefix } from '../support/app/start-test-server';
import { signIn } from './sign-in';

const JWT_SECRET = 'revocation-test-secret-0123456789abcdef0123';
const newAccount = () => privateKeyToAccount(generatePrivateKey());

const me = (server: RunningServer, token: string) => request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
const answerOf = async (server: RunningServer, token: string): Promise<[number, string | undefined]> => {
  const res = await me(server, token);
  return [res.status, res.body.error?.code];
};

/** Deletes every key under `prefix`, as an eviction (allkeys-lru) or a Redis restart without persistence does. */
const loseRedisKeys = async (redis: Redis, prefix: string): Promise<number> => {
  const keys = await redis.keys(`${prefix}*`);
  return keys.length === 0 ? 0 : redis.del(...keys);
};

describe('revocation with Postgres as the source of truth, Redis only a cache', () => {
  const prefix = uniquePrefix();
  let redis: Redis;
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    redis = new Redis(REAL_REDIS_URL);
    const shared = { REDIS_URL: REAL_REDIS_URL, REDIS_KEY_PREFIX: prefix, JWT_SECRET };
    [a, b] = await Promise.all([startTestServer(shared), startTestServer(shared)]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([a.shutdown('test done'), b.shutdown('test done')]);
    redis.disconnect();
  });

  it('a logged-out token stays refused after Redis loses its keys, on the worker that logged out and on another one', async () => {
    const token = await signIn(a.app, newAccount());
    expect(await answerOf(b, token)).toEqual([200, undefined]);
    expect((await request(a.app).post('/api/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect(await answerOf(b, token)).toEqual([401, 'TOKEN_REVOKED']);

    expect(await loseRedisKeys(redis, prefix)).toBeGreaterThan(0);
    expect(await answerOf(a, token)).toEqual([401, 'TOKEN_REVOKED']);
    expect(await answerOf(b, token)).toEqual([401, 'TOKEN_REVOKED']);
  });

  it('tokens ended by DELETE /api/me/data stay refused after Redis loses its keys, everywhere', async () => {
    const account = newAccount();
    const [first, second] = [await signIn(a.app, account), await signIn(b.app, account)];
    expect(await answerOf(b, second)).toEqual([200, undefined]);
    expect((await request(a.app).delete('/api/me/data').set('Authorization', `Bearer ${first}`)).status).toBe(200);

    await loseRedisKeys(redis, prefix);
    for (const server of [a, b]) {
      expect(await answerOf(server, first)).toEqual([401, 'TOKEN_REVOKED']);
      expect(await answerOf(server, second)).toEqual([401, 'TOKEN_REVOKED']);
    }
  });

  it('a token whose session record says revoked is refused even though Redis has never heard of it', async () => {
    const token = await signIn(a.app, newAccount());
    await loseRedisKeys(redis, prefix);
    await a.database.pool.query("UPDATE auth_sessions SET revoked_at = now() WHERE jti = $1", [jtiOf(token)]);
    expect(await answerOf(b, token)).toEqual([401, 'TOKEN_REVOKED']);
  });
});

describe('how long a "still valid" answer may be cached (AUTH_SESSION_CACHE_SECONDS)', () => {
  let cachedForAnHour: RunningServer;
  let notCached: RunningServer;
  beforeAll(async () => {
    [cachedForAnHour, notCached] = await Promise.all([
      startTestServer({ REDIS_URL: REAL_REDIS_URL, JWT_SECRET, AUTH_SESSION_CACHE_SECONDS: '3600' }),
      startTestServer({ REDIS_URL: REAL_REDIS_URL, JWT_SECRET, AUTH_SESSION_CACHE_SECONDS: '0' }),
    ]);
  }, 60_000);
  afterAll(() => Promise.all([cachedForAnHour.shutdown('test done'), notCached.shutdown('test done')]));

  /** Revokes behind the app's back (another system, an operator), so no cache is told. */
  const revokeInPostgres = (server: RunningServer, token: string) => server.database.pool.query('UPDATE auth_sessions SET revoked_at = now() WHERE jti = $1', [jtiOf(token)]);

  it('admits a token revoked behind its back only while its cached "valid" answer lives, and not at all with 0', async () => {
    const cached = await signIn(cachedForAnHour.app, newAccount());
    expect(await answerOf(cachedForAnHour, cached)).toEqual([200, undefined]);
    await revokeInPostgres(cachedForAnHour, cached);
    expect(await answerOf(cachedForAnHour, cached)).toEqual([200, undefined]);

    const uncached = await signIn(notCached.app, newAccount());
    expect(await answerOf(notCached, uncached)).toEqual([200, undefined]);
    await revokeInPostgres(notCached, uncached);
    expect(await answerOf(notCached, uncached)).toEqual([401, 'TOKEN_REVOKED']);
  });
});

/** The `jti` claim of one of our tokens. */
function jtiOf(token: string): string {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { jti?: unknown };
  if (typeof payload.jti !== 'string') throw new Error('token without jti');
  return payload.jti;
}
