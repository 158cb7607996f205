import { randomBytes } from 'node:crypto';
import { generateKeyPair, SignJWT, UnsecuredJWT, type JWTPayload } from 'jose';
import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { startSpareRedis, type SpareRedis } from '../support/app/spare-redis';
import { REAL_REDIS_URL, startTestServer, uniquePrefix } from '../support/app/start-test-server';
import { fetchNonce, signIn, siweMessage } from './sign-in';

const JWT_SECRET = 'token-test-secret-0123456789abcdef0123456789';
const key = new TextEncoder().encode(JWT_SECRET);
const ISSUER = 'sei-portfolio-manager';
const AUDIENCE = 'sei-portfolio-manager-api';

const newAccount = () => privateKeyToAccount(generatePrivateKey());
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The claims our server issues, valid for an hour, overridable. */
const claims = (overrides: JWTPayload = {}): JWTPayload => ({
  iss: ISSUER,
  aud: AUDIENCE,
  sub: newAccount().address,
  iat: nowSeconds(),
  exp: nowSeconds() + 3600,
  jti: randomBytes(18).toString('base64url'),
  ...overrides,
});

const hs = (payload: JWTPayload, alg = 'HS256', secret: Uint8Array = key) => new SignJWT(payload).setProtectedHeader({ alg, typ: 'JWT' }).sign(secret);

describe('session tokens', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL: REAL_REDIS_URL, JWT_SECRET });
  }, 60_000);
  afterAll(() => server.shutdown('test done'));

  const me = (authorization?: string) => {
    const req = request(server.app).get('/api/auth/me');
    return authorization === undefined ? req : req.set('Authorization', authorization);
  };
  const codeOf = async (authorization?: string) => {
    const res = await me(authorization);
    return [res.status, res.body.error?.code];
  };

  it('asks for a token when there is none, or it is not a Bearer token', async () => {
    const res = await me();
    expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(await codeOf('Basic dXNlcjpwYXNz')).toEqual([401, 'UNAUTHORIZED']);
    expect(await codeOf('Bearer')).toEqual([401, 'UNAUTHORIZED']);
  });

  it('accepts a token with our claims signed HS256 with our secret while its session record is live (the control for the refusals below)', async () => {
    const payload = claims();
    await server.database.pool.query('INSERT INTO auth_sessions (jti, wallet, issued_at, expires_at) VALUES ($1, $2, to_timestamp($3), to_timestamp($4))', [
      payload.jti,
      payload.sub,
      payload.iat,
      payload.exp,
    ]);
    const res = await me(`Bearer ${await hs(payload)}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ address: payload.sub, expiresAt: new Date((payload.exp ?? 0) * 1000).toISOString() });
  });

  it('refuses a well-signed token that has no session record (401 TOKEN_REVOKED)', async () => {
    expect(await codeOf(`Bearer ${await hs(claims())}`)).toEqual([401, 'TOKEN_REVOKED']);
  });

  it('refuses alg "none" (401 TOKEN_INVALID)', async () => {
    const unsecured = new UnsecuredJWT(claims()).encode();
    expect(await codeOf(`Bearer ${unsecured}`)).toEqual([401, 'TOKEN_INVALID']);
  });

  it('refuses a token signed with another secret, with HS512, or with RS256 (401 TOKEN_INVALID)', async () => {
    expect(await codeOf(`Bearer ${await hs(claims(), 'HS256', new TextEncoder().encode('another-secret-0123456789abcdef0123'))}`)).toEqual([401, 'TOKEN_INVALID']);
    expect(await codeOf(`Bearer ${await hs(claims(), 'HS512')}`)).toEqual([401, 'TOKEN_INVALID']);
    const { privateKey } = await generateKeyPair('RS256');
    const rs = await new SignJWT(claims()).setProtectedHeader({ alg: 'RS256' }).sign(privateKey);
    expect(await codeOf(`Bearer ${rs}`)).toEqual([401, 'TOKEN_INVALID']);
  });

  it('refuses another issuer or audience, a wallet that is not checksummed, and a missing token id (401 TOKEN_INVALID)', async () => {
    expect(await codeOf(`Bearer ${await hs(claims({ iss: 'someone-else' }))}`)).toEqual([401, 'TOKEN_INVALID']);
    expect(await codeOf(`Bearer ${await hs(claims({ aud: 'another-api' }))}`)).toEqual([401, 'TOKEN_INVALID']);
    expect(await codeOf(`Bearer ${await hs(claims({ sub: newAccount().address.toLowerCase() }))}`)).toEqual([401, 'TOKEN_INVALID']);
    const { jti: _jti, ...withoutJti } = claims();
    expect(await codeOf(`Bearer ${await hs(withoutJti)}`)).toEqual([401, 'TOKEN_INVALID']);
  });

  it('refuses an expired token (401 TOKEN_EXPIRED)', async () => {
    const token = await hs(claims({ iat: nowSeconds() - 7200, exp: nowSeconds() - 60 }));
    expect(await codeOf(`Bearer ${token}`)).toEqual([401, 'TOKEN_EXPIRED']);
  });

  it('refuses a tampered payload and an oversized header (401 TOKEN_INVALID)', async () => {
    const token = await signIn(server.app, newAccount());
    const [header, , signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify(claims())).toString('base64url');
    expect(await codeOf(`Bearer ${header}.${forged}.${signature}`)).toEqual([401, 'TOKEN_INVALID']);
    expect(await codeOf(`Bearer ${'a'.repeat(5000)}`)).toEqual([401, 'TOKEN_INVALID']);
  });

  it('issues tokens that carry iss, aud, the checksummed wallet, iat, a 24 h exp and a random jti', async () => {
    const account = newAccount();
    const token = await signIn(server.app, account);
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({ iss: ISSUER, aud: AUDIENCE, sub: account.address, iat: expect.any(Number), exp: expect.any(Number), jti: expect.stringMatching(/^[A-Za-z0-9_-]{24}$/) });
    expect(Number(payload?.['exp']) - Number(payload?.['iat'])).toBe(86_400);
  });
});

describe('sessions across workers sharing Redis', () => {
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    const shared = { REDIS_URL: REAL_REDIS_URL, REDIS_KEY_PREFIX: uniquePrefix(), JWT_SECRET };
    [a, b] = await Promise.all([startTestServer(shared), startTestServer(shared)]);
  }, 60_000);
  afterAll(() => Promise.all([a.shutdown('test done'), b.shutdown('test done')]));

  it('a nonce issued by one worker is consumed once on another, and a logout on one is honoured by the other', async () => {
    const account = newAccount();
    const message = siweMessage(account.address, await fetchNonce(a.app));
    const signed = { message, signature: await account.signMessage({ message }) };
    const first = await request(b.app).post('/api/auth/verify').send(signed);
    expect(first.status).toBe(200);
    expect((await request(a.app).post('/api/auth/verify').send(signed)).body.error.code).toBe('SIWE_NONCE_INVALID');

    const token = String(first.body.data.token);
    expect((await request(a.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    expect((await request(a.app).post('/api/auth/logout').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    const after = await request(b.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
    expect([after.status, after.body.error.code]).toEqual([401, 'TOKEN_REVOKED']);
  });
});

describe('sessions while Redis is down', () => {
  let redis: SpareRedis;
  let server: RunningServer;
  let redisUp = true;
  beforeAll(async () => {
    redis = await startSpareRedis();
    server = await startTestServer({ REDIS_URL: redis.url, JWT_SECRET });
  }, 60_000);
  afterAll(async () => {
    // Shut down with Redis up, as in production after an outage: a client quitting into a dead Redis waits forever.
    if (!redisUp) await redis.start();
    await server.shutdown('test done');
    await redis.stop();
  }, 30_000);

  it('still accepts a live token and refuses a logged-out one, from the session records in Postgres, and logs out from them too', async () => {
    const live = await signIn(server.app, newAccount());
    const loggedOut = await signIn(server.app, newAccount());
    expect((await request(server.app).post('/api/auth/logout').set('Authorization', `Bearer ${loggedOut}`)).status).toBe(200);

    await redis.stop();
    redisUp = false;
    expect((await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${live}`)).status).toBe(200);
    const refused = await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${loggedOut}`);
    expect([refused.status, refused.body.error.code]).toEqual([401, 'TOKEN_REVOKED']);
    expect((await request(server.app).post('/api/auth/logout').set('Authorization', `Bearer ${live}`)).status).toBe(200);
    const afterLogout = await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${live}`);
    expect([afterLogout.status, afterLogout.body.error.code]).toEqual([401, 'TOKEN_REVOKED']);
  });

  it('still signs in, the nonce kept in Postgres', async () => {
    const token = await signIn(server.app, newAccount());
    expect((await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`)).status).toBe(200);
  });
});
