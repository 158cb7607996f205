import { brokenAnswers, type Answer, type Ask } from './support/answers';
import { ALERT_LOCK, NEW_ALERT } from './support/acknowledged-writes';
import { BUILD_AND_START_TIMEOUT_MS, startFaultApp, type FaultApp } from './support/fault-app';
import { recordFaultOutcome } from './support/fault-report';
import { waitFor, waitUntil } from '../support/wait-until';

jest.setTimeout(120_000);

/** Most requests sent after SIGTERM while waiting for the listener to refuse connections. */
const MAX_REQUESTS_AFTER_SIGTERM = 2000;

/** An answer, or how the connection failed (its error code). */
type Outcome = Answer | { readonly refused: string };

const isAnswer = (outcome: Outcome): outcome is Answer => 'status' in outcome;
const statusOf = (outcome: Outcome | undefined): number | string => (outcome === undefined ? 'none' : isAnswer(outcome) ? outcome.status : outcome.refused);

describe('fault: SIGTERM during a burst of requests', () => {
  let app: FaultApp;
  beforeAll(async () => {
    // CoinGecko's and Postgres's timeouts are long enough that held answers and lock waits are released, not timed out.
    app = await startFaultApp({ env: { COINGECKO_TIMEOUT_MS: '20000', DB_STATEMENT_TIMEOUT_MS: '20000', SHUTDOWN_READINESS_DELAY_MS: '200' } });
  }, BUILD_AND_START_TIMEOUT_MS);
  afterAll(() => app?.stop());

  const attempt = (ask: Ask): Promise<Outcome> =>
    // Errors from node:net come from outside jest's realm: `instanceof Error` is false for them.
    app.ask(ask).catch((error: unknown) => ({ refused: typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : String(error) }));

  it('answers every request in flight, refuses new connections cleanly once closed, exits 0, and loses no acknowledged write', async () => {
    const { account, token } = await app.signIn();
    // A second wallet writes after SIGTERM: its alerts do not wait on the first wallet's lock.
    const late = await app.signIn();
    const quick = await Promise.all(Array.from({ length: 10 }, (_, i) => attempt({ path: i % 2 === 0 ? '/api/tokens' : '/health/live' })));
    // In flight for as long as the test wants: price histories wait on CoinGecko, alerts on their wallet's lock.
    const releaseGecko = app.gecko.holdAnswers();
    const lock = await app.holdLock(ALERT_LOCK, [account.address]);
    const held = [
      ...['1d', '7d', '30d'].map((range) => attempt({ path: `/api/prices/sei-network/history?range=${range}` })),
      ...Array.from({ length: 3 }, () => attempt({ method: 'POST', path: '/api/alerts', token, json: NEW_ALERT })),
    ];
    await waitUntil(() => (app.gecko.requestCount() >= 1 ? true : undefined), 20_000, () => 'a price history request to reach CoinGecko (and be held)');
    await waitFor('the three alert writes to wait on the lock inside their transactions', async () => (await app.appConnectionsWhere("wait_event_type = 'Lock'")) === 3);

    app.server.child.kill('SIGTERM');
    const afterSigterm: Outcome[] = [];
    for (let i = 0; i < MAX_REQUESTS_AFTER_SIGTERM; i++) {
      const outcome = await attempt(i % 2 === 0 ? { method: 'POST', path: '/api/alerts', token: late.token, json: NEW_ALERT } : { path: '/health/ready' });
      afterSigterm.push(outcome);
      if (!isAnswer(outcome)) break;
    }
    // Once the listener is closed, a connection is refused.
    const afterClose = await attempt({ path: '/health/live' });
    releaseGecko();
    await lock.release();
    const heldOutcomes = await Promise.all(held);
    const exitCode = await app.server.exited;

    const answers = app.takeAnswers();
    const acknowledgedLate = afterSigterm.filter((o) => isAnswer(o) && o.status === 201).length;
    const rows = await app.rowsOf(account.address);
    const lateRows = await app.rowsOf(late.account.address);
    recordFaultOutcome('SIGTERM during a burst', answers, 3 - rows.alerts + acknowledgedLate - lateRows.alerts);
    expect(quick.map(statusOf)).toEqual(Array(10).fill(200));
    expect(heldOutcomes.map(statusOf)).toEqual([200, 200, 200, 201, 201, 201]);
    // Answered until the listener closed (readiness already off), then refused; never left hanging. The one request
    // whose connection was still in the kernel's accept queue when the listener closed may be reset instead, before
    // any byte of an answer: the kernel does that to a closing listener's queue, in any server (tests/faults/README.md).
    expect(['ECONNREFUSED', 'ECONNRESET']).toContain(statusOf(afterSigterm[afterSigterm.length - 1]));
    expect(statusOf(afterClose)).toBe('ECONNREFUSED');
    expect(brokenAnswers(answers, ['503 NOT_READY'])).toEqual([]);
    expect(exitCode).toBe(0);
    expect([rows.alerts, lateRows.alerts]).toEqual([3, acknowledgedLate]);
  });
});
