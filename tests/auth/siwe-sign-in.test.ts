import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { REAL_REDIS_URL, startTestServer } from '../support/app/start-test-server';
import { fetchNonce, signedMessage, signIn, siweMessage } from './sign-in';

const JWT_SECRET = 'siwe-test-secret-0123456789abcdef0123456789';

const modes: ReadonlyArray<[string, Record<string, string | undefined>]> = [
  ['Redis', { REDIS_URL: REAL_REDIS_URL }],
  ['in-process stores (no Redis)', {}],
];

describe.each(modes)('Sign-In with Ethereum with %s', (_name, env) => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ ...env, JWT_SECRET });
  }, 60_000);
  afterAll(() => server.shutdown('test done'));

  const newAccount = () => privateKeyToAccount(generatePrivateKey());
  const verify = (body: object) => request(server.app).post('/api/auth/verify').send(body);

  it('hands out random single-use nonces (32 alphanumeric characters) that expire in 5 minutes, never cached', async () => {
    const before = Date.now();
    const a = await request(server.app).get('/api/auth/nonce');
    const after = Date.now();
    const b = await request(server.app).get('/api/auth/nonce');
    expect(a.status).toBe(200);
    expect(a.headers['cache-control']).toBe('no-store');
    expect(a.body.data.nonce).toMatch(/^[a-zA-Z0-9]{32}$/);
    expect(a.body.data.nonce).not.toBe(b.body.data.nonce);
    // Issued between `before` and `after`, for exactly 5 minutes.
    const expiresAt = Date.parse(a.body.data.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 300_000);
    expect(expiresAt).toBeLessThanOrEqual(after + 300_000);
  });

  it('signs in with an EOA signature and the token works on /api/auth/me', async () => {
    const account = newAccount();
    const signed = await signedMessage(server.app, account);
    const before = Date.now();
    const res = await verify(signed);
    const after = Date.now();
    expect(res.status).toBe(200);
    expect(res.body.data.address).toBe(account.address);
    // Issued between `before` and `after` (the token's times are whole seconds), for exactly 24 hours.
    expect(Date.parse(res.body.data.expiresAt)).toBeGreaterThanOrEqual(Math.floor(before / 1000) * 1000 + 24 * 3600_000);
    expect(Date.parse(res.body.data.expiresAt)).toBeLessThanOrEqual(after + 24 * 3600_000);

    const me = await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${res.body.data.token}`);
    expect(me.status).toBe(200);
    expect(me.body.data).toEqual({ address: account.address, expiresAt: res.body.data.expiresAt });
  });

  it('refuses the same signed message a second time (the nonce is spent)', async () => {
    const signed = await signedMessage(server.app, newAccount());
    expect((await verify(signed)).status).toBe(200);
    const replay = await verify(signed);
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('SIWE_NONCE_INVALID');
  });

  it('accepts exactly one of 20 parallel verifications of one signed message', async () => {
    const signed = await signedMessage(server.app, newAccount());
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify(signed)));
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    const refused = answers.filter((r) => r.status !== 200);
    expect(refused.map((r) => [r.status, r.body.error.code])).toEqual(Array.from({ length: 19 }, () => [401, 'SIWE_NONCE_INVALID']));
  });

  it('refuses a nonce this server never issued', async () => {
    const account = newAccount();
    const message = siweMessage(account.address, 'abcdef0123456789abcdef0123456789');
    const res = await verify({ message, signature: await account.signMessage({ message }) });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('SIWE_NONCE_INVALID');
  });

  const now = Date.now();
  const refusals: ReadonlyArray<[string, object, string]> = [
    ['another domain', { domain: 'evil.example' }, 'SIWE_DOMAIN_MISMATCH'],
    ['another scheme for the domain', { scheme: 'https' }, 'SIWE_DOMAIN_MISMATCH'],
    ['another uri', { uri: 'https://evil.example/login' }, 'SIWE_URI_MISMATCH'],
    ['another chain id', { chainId: 1 }, 'SIWE_CHAIN_MISMATCH'],
    ['an expiration time in the past', { expirationTime: new Date(now - 1000) }, 'SIWE_EXPIRED'],
    ['a not-before an hour ahead', { notBefore: new Date(now + 3600_000) }, 'SIWE_NOT_YET_VALID'],
    ['an issued-at older than 10 minutes', { issuedAt: new Date(now - 11 * 60_000) }, 'SIWE_ISSUED_AT_TOO_OLD'],
    ['an issued-at an hour ahead', { issuedAt: new Date(now + 3600_000) }, 'SIWE_ISSUED_AT_IN_FUTURE'],
  ];

  it.each(refusals)('refuses a correctly signed message with %s (401 %s), leaving the nonce unspent', async (_what, overrides, code) => {
    const account = newAccount();
    const nonce = await fetchNonce(server.app);
    const message = siweMessage(account.address, nonce, overrides);
    const res = await verify({ message, signature: await account.signMessage({ message }) });
    expect([res.status, res.body.error.code]).toEqual([401, code]);

    const good = siweMessage(account.address, nonce);
    expect((await verify({ message: good, signature: await account.signMessage({ message: good }) })).status).toBe(200);
  });

  it('refuses a signed message whose statement hides extra lines, or that has a line the parser would skip (401 SIWE_INVALID_MESSAGE), leaving the nonce unspent', async () => {
    const account = newAccount();
    const nonce = await fetchNonce(server.app);
    const good = siweMessage(account.address, nonce);
    const forged: ReadonlyArray<[string, string]> = [
      ['a statement with a line break', good.replace('Sign in to Sei AI Portfolio Manager', 'Sign in\nURI: https://evil.com\nChain ID: 1')],
      ['a line after the last field', `${good}\nAlso approve unlimited spending of your tokens`],
    ];
    for (const [what, message] of forged) {
      const res = await verify({ message, signature: await account.signMessage({ message }) });
      expect([what, res.status, res.body.error?.code]).toEqual([what, 401, 'SIWE_INVALID_MESSAGE']);
    }
    expect((await verify({ message: good, signature: await account.signMessage({ message: good }) })).status).toBe(200);
  });

  it('refuses text that is not an EIP-4361 message', async () => {
    const account = newAccount();
    const message = 'please let me in';
    const res = await verify({ message, signature: await account.signMessage({ message }) });
    expect([res.status, res.body.error.code]).toEqual([401, 'SIWE_INVALID_MESSAGE']);
  });

  it('refuses a signature from another key as unverifiable while the chain is unreachable (it could be a contract wallet), and spends the nonce', async () => {
    const signer = newAccount();
    const claimed = newAccount();
    const message = siweMessage(claimed.address, await fetchNonce(server.app));
    const signed = { message, signature: await signer.signMessage({ message }) };
    const res = await verify(signed);
    expect([res.status, res.body.error.code]).toEqual([503, 'RPC_UNAVAILABLE']);
    expect((await verify(signed)).body.error.code).toBe('SIWE_NONCE_INVALID');
  });

  it('answers 400 with details for a body that is not { message, signature }', async () => {
    const missing = await verify({ message: 'x' });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details).toEqual([{ path: 'body.signature', expected: '0x-prefixed hex signature of at most 8192 bytes' }]);
    const tooLong = await verify({ message: 'x'.repeat(4097), signature: '0x00' });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.details).toEqual([{ path: 'body.message', expected: 'EIP-4361 message of at most 4096 characters' }]);
  });

  it('logout revokes that token only: it answers 401 TOKEN_REVOKED afterwards, another session of the wallet still works', async () => {
    const account = newAccount();
    const first = await signIn(server.app, account);
    const second = await signIn(server.app, account);
    const out = await request(server.app).post('/api/auth/logout').set('Authorization', `Bearer ${first}`);
    expect(out.status).toBe(200);
    expect(out.body.data).toEqual({ loggedOut: true });

    const after = await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${first}`);
    expect([after.status, after.body.error.code]).toEqual([401, 'TOKEN_REVOKED']);
    expect(after.headers['www-authenticate']).toBe('Bearer error="invalid_token"');
    expect((await request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${second}`)).status).toBe(200);
  });
});
