import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { signIn } from '../auth/sign-in';
import { startChildServer, type ChildServer } from '../support/app/child-server';
import { holdLock } from '../support/db/hold-lock';
import { DEAD_RPC_URL, REAL_DATABASE_URL } from '../support/app/start-test-server';
import { startProxyFor } from '../support/net/start-proxy-for';
import type { TcpFaultProxy } from '../support/net/tcp-fault-proxy';
import { waitFor } from '../support/wait-until';

jest.setTimeout(90_000);

/** The application_name the app's pool gives its connections (src/infra/db/make-pool.ts). */
const APP_CONNECTIONS = "application_name = 'sei-portfolio-backend' AND datname = current_database()";

/**
 * The app runs as a real process whose only way to Postgres is a TCP proxy the test can cut. A second connection,
 * straight to Postgres, holds a lock so that the app's transaction is open and waiting when the link goes down.
 */
describe('a Postgres connection dropped during an open transaction', () => {
  let proxy: TcpFaultProxy;
  let app: ChildServer;
  let direct: Pool;

  beforeAll(async () => {
    const throughProxy = await startProxyFor(REAL_DATABASE_URL);
    proxy = throughProxy.proxy;
    direct = new Pool({ connectionString: REAL_DATABASE_URL, max: 3 });
    app = await startChildServer({
      NODE_ENV: 'test',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      RUN_JOBS: 'false',
      DATABASE_URL: throughProxy.url,
      SEI_RPC_URL: DEAD_RPC_URL,
      RPC_RETRY_COUNT: '0',
      JWT_SECRET: 'link-drop-test-jwt-secret-0123456789abcdef',
      ENCRYPTION_KEY: 'link-drop-test-encryption-key-0123456789',
    });
  });
  afterAll(async () => {
    // Each may be missing when beforeAll failed part-way.
    if (app?.child.exitCode === null) {
      app.child.kill('SIGTERM');
      await app.exited;
    }
    await direct?.end();
    await proxy?.close();
  });
  afterEach(() => proxy.restore());

  const count = async (table: string, wallet: string): Promise<number> =>
    (await direct.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE wallet = $1`, [wallet])).rows[0]?.n ?? -1;
  const countAll = (wallet: string) => Promise.all(['chat_messages', 'alerts', 'alert_events', 'auth_sessions'].map((table) => count(table, wallet)));
  const appConnectionsWhere = async (condition: string): Promise<number> =>
    (await direct.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE ${APP_CONNECTIONS} AND ${condition}`)).rows[0]?.n ?? -1;
  const createAlert = (token: string) =>
    request(app.url).post('/api/alerts').set('Authorization', `Bearer ${token}`).send({ type: 'health_factor_below', threshold: 1.5 });

  /** Holds a lock from outside the app, in a transaction the test ends with `release`. */
  const holdLockHere = (sql: string, params: ReadonlyArray<unknown>) => holdLock(direct, sql, params);

  /** Cuts the link once the app waits on a lock inside its transaction, and returns the answer to the pending request. */
  const cutWhileWaiting = async <A>(pending: Promise<A>): Promise<A> => {
    await waitFor('the app waits on the lock inside its transaction', async () => (await appConnectionsWhere("wait_event_type = 'Lock'")) === 1);
    proxy.cut();
    return pending;
  };

  it('answers 503 in the envelope to POST /api/alerts, stays up, and creates alerts again once the link is back', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const token = await signIn(app.url, account);
    const lock = await holdLockHere("SELECT pg_advisory_xact_lock(hashtextextended('alerts:' || $1, 0))", [account.address]);

    const pending = createAlert(token).then((sent) => sent); // supertest sends once then() is called
    const res = await cutWhileWaiting(pending).finally(lock.release);

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'database is unavailable' } });
    await waitFor('Postgres has dropped the cut connections', async () => (await appConnectionsWhere('true')) === 0);
    expect(await count('alerts', account.address)).toBe(0);

    proxy.restore();
    const later = await createAlert(token);
    expect(later.status).toBe(201);
    expect(await count('alerts', account.address)).toBe(1);
    expect(app.child.exitCode).toBeNull();
  });

  it('DELETE /api/me/data erases nothing when the link drops mid-transaction, then everything once it is back', async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const wallet = account.address;
    const token = await signIn(app.url, account);
    for (let i = 0; i < 2; i++) expect((await createAlert(token)).status).toBe(201);
    for (let i = 0; i < 2; i++) {
      await direct.query("INSERT INTO chat_messages (id, wallet, role, content) VALUES ($1, $2, 'user', '\\x00'::bytea)", [randomUUID(), wallet]);
    }
    await direct.query("INSERT INTO alert_events (id, wallet, type, severity, message, metadata) VALUES ($1, $2, 'health_factor_below', 'warning', 'low', '{}')", [
      randomUUID(),
      wallet,
    ]);
    expect(await countAll(wallet)).toEqual([2, 2, 1, 1]);

    // The session rows are locked, so the erasure waits there: after it has deleted whatever it deletes before them.
    const lock = await holdLockHere('SELECT 1 FROM auth_sessions WHERE wallet = $1 FOR UPDATE', [wallet]);
    const pending = request(app.url)
      .delete('/api/me/data')
      .set('Authorization', `Bearer ${token}`)
      .then((sent) => sent);
    const res = await cutWhileWaiting(pending).finally(lock.release);

    expect(res.status).toBe(503);
    expect(res.body).toEqual({ success: false, error: { code: 'SERVICE_UNAVAILABLE', message: 'database is unavailable' } });
    await waitFor('Postgres has dropped the cut connections (rolling back what they did)', async () => (await appConnectionsWhere('true')) === 0);
    expect(await countAll(wallet)).toEqual([2, 2, 1, 1]);

    proxy.restore();
    const retry = await request(app.url).delete('/api/me/data').set('Authorization', `Bearer ${token}`);
    expect(retry.status).toBe(200);
    expect(retry.body.data).toEqual({ erased: { chatMessages: 2, alerts: 2, alertEvents: 1, sessions: 1 } });
    expect(await countAll(wallet)).toEqual([0, 0, 0, 0]);
    expect(app.child.exitCode).toBeNull();
  });
});
