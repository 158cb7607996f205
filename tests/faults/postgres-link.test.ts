import { brokenAnswers, errorCodeOf, type Answer } from './support/answers';
import { ALERT_LOCK, createAlerts, NEW_ALERT } from './support/acknowledged-writes';
import { BUILD_AND_START_TIMEOUT_MS, startFaultApp, type FaultApp } from './support/fault-app';
import { recordFaultOutcome } from './support/fault-report';
import { waitFor } from '../support/wait-until';

jest.setTimeout(120_000);

/** The documented 503s while Postgres is unreachable: the API's and /health's. */
const DATABASE_DOWN_503S = ['503 SERVICE_UNAVAILABLE', '503 UNHEALTHY'];

type LinkFault = 'reset' | 'hang';

describe('fault: the link between the app and Postgres is reset or hangs', () => {
  let app: FaultApp;
  beforeAll(async () => {
    app = await startFaultApp();
  }, BUILD_AND_START_TIMEOUT_MS);
  afterAll(() => app?.stop());
  afterEach(() => app.postgres.restore());

  const failLink = (fault: LinkFault): void => (fault === 'reset' ? app.postgres.reset() : app.postgres.hang());

  /** One write answered while the link fails; with `openTransaction`, the app is inside its transaction when it fails. */
  const writeDuringFault = async (fault: LinkFault, token: string, wallet: string, openTransaction: boolean): Promise<Answer> => {
    if (!openTransaction) {
      failLink(fault);
      return app.ask({ method: 'POST', path: '/api/alerts', token, json: NEW_ALERT });
    }
    const lock = await app.holdLock(ALERT_LOCK, [wallet]);
    const pending = app.ask({ method: 'POST', path: '/api/alerts', token, json: NEW_ALERT });
    try {
      await waitFor('the app to wait on the lock inside its transaction', async () => (await app.appConnectionsWhere("wait_event_type = 'Lock'")) === 1);
      failLink(fault);
      return await pending;
    } finally {
      await lock.release();
    }
  };

  it.each([
    ['reset', false],
    ['hang', false],
    ['reset', true],
    ['hang', true],
  ] as const)('link %s (open transaction: %s): 503 in the envelope, /health unhealthy, then writes again without a restart and loses no row', async (fault, openTransaction) => {
    const { account, token } = await app.signIn();
    await app.waitForCheck('database', 'up');
    app.takeAnswers();
    let acknowledged = await createAlerts(app, token, 2);

    const write = await writeDuringFault(fault, token, account.address, openTransaction);
    const read = await app.ask({ path: '/api/alerts', token });
    const live = await app.ask({ path: '/health/live' });
    await app.waitForCheck('database', 'down');
    const health = await app.ask({ path: '/health' });

    app.postgres.restore();
    await app.waitForCheck('database', 'up');
    acknowledged += await createAlerts(app, token, 2);
    const after = await app.ask({ path: '/api/alerts', token });

    const answers = app.takeAnswers();
    const rows = await app.rowsOf(account.address);
    recordFaultOutcome(`Postgres link ${fault}${openTransaction ? ' in an open transaction' : ''}`, answers, acknowledged - rows.alerts);
    expect([write.status, errorCodeOf(write)]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect([read.status, errorCodeOf(read)]).toEqual([503, 'SERVICE_UNAVAILABLE']);
    expect(live.status).toBe(200);
    expect([health.status, errorCodeOf(health)]).toEqual([503, 'UNHEALTHY']);
    expect(after.status).toBe(200);
    expect(brokenAnswers(answers, DATABASE_DOWN_503S)).toEqual([]);
    expect(acknowledged).toBe(4);
    expect(rows).toEqual({ alerts: 4, sessions: 1 });
    expect(app.isRunning()).toBe(true);
  });
});
