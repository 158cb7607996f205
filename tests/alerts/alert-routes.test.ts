import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { REAL_REDIS_URL, startTestServer } from '../support/app/start-test-server';
import { signIn } from '../auth/sign-in';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('alerts API', () => {
  let server: RunningServer;
  let registryToken: string;
  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL: REAL_REDIS_URL, ALERTS_MAX_PER_WALLET: '3' });
    registryToken = String((await request(server.app).get('/api/tokens')).body.data.tokens[0].address);
  }, 60_000);
  afterAll(() => server.shutdown('test done'));

  const signedIn = async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const token = await signIn(server.app, account);
    const as = (req: request.Test) => req.set('Authorization', `Bearer ${token}`);
    return {
      address: account.address,
      token,
      list: () => as(request(server.app).get('/api/alerts')),
      create: (body: object) => as(request(server.app).post('/api/alerts').send(body)),
      remove: (id: string) => as(request(server.app).delete(`/api/alerts/${id}`)),
    };
  };

  const rowsOf = async (wallet: string) =>
    (await server.database.pool.query<{ id: string; threshold: number }>('SELECT id::text AS id, threshold FROM alerts WHERE wallet = $1 ORDER BY created_at', [wallet])).rows;

  it('needs a session token on every alerts route', async () => {
    for (const res of [
      await request(server.app).get('/api/alerts'),
      await request(server.app).post('/api/alerts').send({ type: 'health_factor_below', threshold: 1.5 }),
      await request(server.app).delete('/api/alerts/00000000-0000-4000-8000-000000000000'),
    ]) {
      expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    }
  });

  it('creates, lists and deletes the wallet’s alerts', async () => {
    const me = await signedIn();
    const created = await me.create({ type: 'health_factor_below', threshold: 1.5 });
    expect(created.status).toBe(201);
    expect(created.body.data).toEqual({
      id: expect.stringMatching(UUID),
      type: 'health_factor_below',
      threshold: 1.5,
      token: null,
      armed: true,
      createdAt: expect.any(String),
      lastTriggeredAt: null,
    });
    const price = await me.create({ type: 'price_below', threshold: 0.2, token: registryToken.toLowerCase() });
    expect(price.status).toBe(201);
    expect(price.body.data.token).toBe(registryToken);
    const lp = await me.create({ type: 'lp_out_of_range' });
    expect([lp.status, lp.body.data.threshold]).toEqual([201, 0]);

    const listed = await me.list();
    expect(listed.status).toBe(200);
    expect(listed.body.data.alerts.map((a: { id: string }) => a.id)).toEqual([created.body.data.id, price.body.data.id, lp.body.data.id]);

    const removed = await me.remove(price.body.data.id);
    expect([removed.status, removed.body.data]).toEqual([200, { deleted: price.body.data.id }]);
    expect((await rowsOf(me.address)).map((r) => r.id)).toEqual([created.body.data.id, lp.body.data.id]);
    expect((await me.remove(price.body.data.id)).status).toBe(404);
  });

  it('answers 400 with every problem for a bad alert, and stores nothing', async () => {
    const me = await signedIn();
    const unknownType = await me.create({ type: 'moon', threshold: 1 });
    expect(unknownType.status).toBe(400);
    expect(unknownType.body.error).toEqual({
      code: 'VALIDATION_ERROR',
      message: 'The request is not valid',
      details: [{ path: 'body.type', expected: '"health_factor_below" | "value_change_pct" | "price_above" | "price_below" | "lp_out_of_range"' }],
    });
    const notANumber = await me.create({ type: 'health_factor_below', threshold: '1.5' });
    expect(notANumber.body.error.details).toEqual([{ path: 'body.threshold', expected: 'finite number' }]);
    const badPrice = await me.create({ type: 'price_above', threshold: 0, token: '0x000000000000000000000000000000000000dEaD' });
    expect(badPrice.status).toBe(400);
    expect(badPrice.body.error.details).toEqual([
      { path: 'body.threshold', expected: 'USD price above 0' },
      { path: 'body.token', expected: '"native" or the address of a token in GET /api/tokens' },
    ]);
    const tokenOnHealth = await me.create({ type: 'health_factor_below', threshold: 1.2, token: 'native' });
    expect(tokenOnHealth.body.error.details).toEqual([{ path: 'body.token', expected: 'no token (only price_above and price_below take one)' }]);
    expect(await rowsOf(me.address)).toEqual([]);
  });

  it('refuses more than ALERTS_MAX_PER_WALLET alerts with 409, even when they are created in parallel', async () => {
    const me = await signedIn();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => me.create({ type: 'price_above', threshold: 1 + i, token: 'native' })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 201, 201, 409, 409, 409]);
    expect(answers.find((r) => r.status === 409)?.body.error).toEqual({ code: 'CONFLICT', message: 'A wallet can keep at most 3 alerts: delete one first' });
    expect(await rowsOf(me.address)).toHaveLength(3);
  });

  it('never lets one wallet see, delete or create alerts of another, whatever it puts in the path, query or body', async () => {
    const a = await signedIn();
    const b = await signedIn();
    const bAlert = String((await b.create({ type: 'health_factor_below', threshold: 1.4 })).body.data.id);

    const stolen = await a.remove(bAlert);
    expect([stolen.status, stolen.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect(await rowsOf(b.address)).toEqual([{ id: bAlert, threshold: 1.4 }]);

    const peek = await request(server.app).get(`/api/alerts?wallet=${b.address}&walletAddress=${b.address}`).set('Authorization', `Bearer ${a.token}`);
    expect(peek.body.data).toEqual({ alerts: [] });

    const planted = await a.create({ type: 'value_change_pct', threshold: 10, wallet: b.address, walletAddress: b.address });
    expect(planted.status).toBe(201);
    expect((await rowsOf(a.address)).map((r) => r.id)).toEqual([planted.body.data.id]);
    expect((await rowsOf(b.address)).map((r) => r.id)).toEqual([bAlert]);
  });

  it('answers 404 for an id that is not a UUID', async () => {
    const me = await signedIn();
    expect((await me.remove('1%20OR%201=1')).status).toBe(404);
  });
});
