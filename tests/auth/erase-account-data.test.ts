import * as E from 'fp-ts/Either';
import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { makeAlertsRepository } from '../../src/infra/db/alerts-repository';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import type { RunningServer } from '../../src/main';
import { makeAlertsService } from '../../src/services/alerts/alerts-service';
import { scriptedPortfolio } from '../support/scripted-portfolio';
import { REAL_REDIS_URL, startTestServer } from '../support/app/start-test-server';
import { signIn } from './sign-in';

describe('DELETE /api/me/data', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL: REAL_REDIS_URL });
  }, 60_000);
  afterAll(() => server.shutdown('test done'));

  const count = async (table: string, wallet: string): Promise<number> =>
    (await server.database.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE wallet = $1`, [wallet])).rows[0]?.n ?? -1;
  const me = (token: string) => request(server.app).get('/api/auth/me').set('Authorization', `Bearer ${token}`);
  const createAlert = (token: string, body: object) => request(server.app).post('/api/alerts').set('Authorization', `Bearer ${token}`).send(body);

  it('erases the wallet’s alerts, alert events and sessions, revokes all its tokens, and leaves other wallets alone', async () => {
    const a = privateKeyToAccount(generatePrivateKey());
    const b = privateKeyToAccount(generatePrivateKey());
    const [a1, a2, b1] = [await signIn(server.app, a), await signIn(server.app, a), await signIn(server.app, b)];
    expect((await createAlert(a1, { type: 'health_factor_below', threshold: 1.5 })).status).toBe(201);
    expect((await createAlert(a2, { type: 'lp_out_of_range' })).status).toBe(201);
    expect((await createAlert(b1, { type: 'health_factor_below', threshold: 1.5 })).status).toBe(201);
    const alerts = makeAlertsService({
      alerts: makeAlertsRepository(server.database.pool),
      notify: () => undefined,
      tokenRefOf: () => undefined,
      maxPerWallet: 50,
      logger: makeSilentLogger(),
      now: () => new Date(),
    });
    for (const wallet of [a.address, b.address]) {
      expect(E.isRight(await alerts.evaluateForPortfolio(scriptedPortfolio({ wallet, healthFactor: 1.2 }), null)())).toBe(true);
    }
    expect([await count('alert_events', a.address), await count('auth_sessions', a.address)]).toEqual([1, 2]);

    const res = await request(server.app).delete('/api/me/data').set('Authorization', `Bearer ${a1}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ erased: { chatMessages: 0, alerts: 2, alertEvents: 1, sessions: 2 } });

    for (const token of [a1, a2]) {
      const after = await me(token);
      expect([after.status, after.body.error.code]).toEqual([401, 'TOKEN_REVOKED']);
    }
    expect(await Promise.all(['alerts', 'alert_events', 'auth_sessions'].map((t) => count(t, a.address)))).toEqual([0, 0, 0]);
    expect(await Promise.all(['alerts', 'alert_events', 'auth_sessions'].map((t) => count(t, b.address)))).toEqual([1, 1, 1]);
    expect((await me(b1)).status).toBe(200);
  });

  it('needs a session token', async () => {
    const res = await request(server.app).delete('/api/me/data');
    expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
  });
});
