import { brokenAnswers } from './support/answers';
import { createAlerts } from './support/acknowledged-writes';
import { BUILD_AND_START_TIMEOUT_MS, startFaultApp, type FaultApp } from './support/fault-app';
import { recordFaultOutcome } from './support/fault-report';

jest.setTimeout(90_000);

/** Requests a client makes that need no dependency but Postgres (and Redis, when it is there). */
const mixedReads = (app: FaultApp, token: string) =>
  Promise.all([
    app.ask({ path: '/health/live' }),
    app.ask({ path: '/api/tokens' }),
    app.ask({ path: '/api/prices?ids=sei-network' }),
    app.ask({ path: '/api/alerts', token }),
    app.ask({ path: '/api/auth/me', token }),
  ]);

describe('fault: the Redis server is killed and started again while the app runs', () => {
  let app: FaultApp;
  beforeAll(async () => {
    app = await startFaultApp();
  }, BUILD_AND_START_TIMEOUT_MS);
  afterAll(() => app?.stop());

  it('keeps answering without a 5xx, reports the cache down then up, signs in and writes throughout, and loses no row', async () => {
    const { account, token } = await app.signIn();
    await app.waitForCheck('cache', 'up');
    let acknowledged = await createAlerts(app, token, 3);
    await mixedReads(app, token);

    await app.redis.stop();
    await app.waitForCheck('cache', 'down');
    const during = await mixedReads(app, token);
    acknowledged += await createAlerts(app, token, 3);
    // Sign-in keeps working: its nonce lives in Postgres.
    const second = await app.signIn();

    await app.redis.start();
    await app.waitForCheck('cache', 'up');
    const after = await mixedReads(app, token);
    acknowledged += await createAlerts(app, token, 3);

    expect(during.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(after.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    const answers = app.takeAnswers();
    const rows = await app.rowsOf(account.address);
    recordFaultOutcome('Redis killed and restarted', answers, acknowledged - rows.alerts);
    expect(brokenAnswers(answers, [])).toEqual([]);
    expect(acknowledged).toBe(9);
    expect(rows).toEqual({ alerts: 9, sessions: 1 });
    expect(await app.rowsOf(second.account.address)).toEqual({ alerts: 0, sessions: 1 });
    expect(app.isRunning()).toBe(true);
  });
});
