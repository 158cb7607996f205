import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { freePort } from '../support/app/spare-redis';
import { REAL_REDIS_URL, startTestServer, uniquePrefix } from '../support/app/start-test-server';
import { fetchNonce, siweMessage } from './sign-in';

const JWT_SECRET = 'nonce-test-secret-0123456789abcdef0123456789';

/** Two workers sharing Postgres and one REDIS_URL, as PM2 runs them. */
const startTwoWorkers = async (redisUrl: string): Promise<readonly [RunningServer, RunningServer]> => {
  const shared = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: uniquePrefix(), JWT_SECRET };
  const [a, b] = await Promise.all([startTestServer(shared), startTestServer(shared)]);
  return [a, b];
};

describe.each([
  ['down (nothing listens at REDIS_URL)', async () => `redis://127.0.0.1:${await freePort()}`],
  ['up', async () => REAL_REDIS_URL],
])('sign-in nonces across two workers with Redis %s', (_state, redisUrl) => {
  let a: RunningServer;
  let b: RunningServer;
  beforeAll(async () => {
    [a, b] = await startTwoWorkers(await redisUrl());
  }, 60_000);
  afterAll(() => Promise.all([a.shutdown('test done'), b.shutdown('test done')]));

  it('a nonce issued by one worker signs in on the other, and the token works on both', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const message = siweMessage(account.address, await fetchNonce(a.app));
    const res = await request(b.app)
      .post('/api/auth/verify')
      .send({ message, signature: await account.signMessage({ message }) });
    expect(res.status).toBe(200);
    expect(res.body.data.address).toBe(account.address);
    for (const worker of [a, b]) {
      expect((await request(worker.app).get('/api/auth/me').set('Authorization', `Bearer ${String(res.body.data.token)}`)).status).toBe(200);
    }
  });

  it('20 parallel verifications of one nonce, spread over both workers, admit exactly one', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const message = siweMessage(account.address, await fetchNonce(a.app));
    const signed = { message, signature: await account.signMessage({ message }) };
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        request((i % 2 === 0 ? a : b).app)
          .post('/api/auth/verify')
          .send(signed)
          .then((res) => `${res.status} ${String(res.body.error?.code ?? 'OK')}`),
      ),
    );
    const tally = answers.reduce<Record<string, number>>((counts, answer) => ({ ...counts, [answer]: (counts[answer] ?? 0) + 1 }), {});
    expect(tally).toEqual({ '200 OK': 1, '401 SIWE_NONCE_INVALID': 19 });
  });
});
