import { randomUUID } from 'node:crypto';
import { brokenAnswers, dataOf, errorCodeOf, type Answer } from './support/answers';
import { createAlerts } from './support/acknowledged-writes';
import { BUILD_AND_START_TIMEOUT_MS, startFaultApp, type FaultApp } from './support/fault-app';
import { recordFaultOutcome } from './support/fault-report';
import { metricSample } from './support/metric-text';
import type { FakeChatReply } from '../support/fakes';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(120_000);

/** The documented 503 of a price history no copy exists of while CoinGecko fails. */
const COINGECKO_DOWN_503S = ['503 UPSTREAM_UNAVAILABLE'];

const seiPrice = (answer: Answer): Record<string, unknown> | undefined => {
  const prices = dataOf(answer)?.['prices'];
  const sei = typeof prices === 'object' && prices !== null ? (prices as Record<string, unknown>)['sei-network'] : undefined;
  return typeof sei === 'object' && sei !== null ? (sei as Record<string, unknown>) : undefined;
};

describe('fault: CoinGecko rate limits, fails or hangs; OpenAI fails, hangs or answers garbage', () => {
  let app: FaultApp;
  beforeAll(async () => {
    // Prices expire after a second, so a read soon asks CoinGecko again; its circuit, once open, probes after a second.
    app = await startFaultApp({ env: { CACHE_TTL_PRICES: '1', COINGECKO_CIRCUIT_OPEN_SECONDS: '1' } });
  }, BUILD_AND_START_TIMEOUT_MS);
  afterAll(() => app?.stop());

  /** Reads SEI's price until `holds` is true of it (each read after the copy expired asks CoinGecko). */
  const waitForSeiPrice = (what: string, holds: (price: Record<string, unknown>) => boolean) =>
    waitUntil(
      async () => {
        const price = seiPrice(await app.ask({ path: '/api/prices?ids=sei-network' }));
        return price !== undefined && holds(price) ? price : undefined;
      },
      20_000,
      () => what,
    );

  it.each([
    ['429 with Retry-After', 'http_429', (a: FaultApp) => (a.gecko.setFailing(429, { retryAfterSeconds: 1 }), () => a.gecko.setFailing(null))],
    ['500', 'http_5xx', (a: FaultApp) => (a.gecko.setFailing(500), () => a.gecko.setFailing(null))],
    ['hanging past its timeout', 'timeout', (a: FaultApp) => a.gecko.holdAnswers()],
  ] as const)('CoinGecko %s: last prices served stale, 503 without a copy, counted in /metrics, writes kept, fresh once it is back', async (label, outcome, fail) => {
    const { account, token } = await app.signIn();
    await waitForSeiPrice('a fresh SEI price', (price) => price['stale'] !== true);
    app.takeAnswers();
    const failedBefore = await metricSample(app, `upstream_calls_total{service="coingecko",outcome="${outcome}"}`);

    const restore = fail(app);
    const stale = await waitForSeiPrice('the SEI price served stale', (price) => price['stale'] === true);
    const noCopy = await app.ask({ path: `/api/prices/never-asked-${randomUUID()}/history?range=1d` });
    const failedDuring = await metricSample(app, `upstream_calls_total{service="coingecko",outcome="${outcome}"}`);
    const acknowledged = await createAlerts(app, token, 2);

    restore();
    await waitForSeiPrice('a fresh SEI price once CoinGecko is back', (price) => price['stale'] !== true);

    const answers = app.takeAnswers();
    const rows = await app.rowsOf(account.address);
    recordFaultOutcome(`CoinGecko ${label}`, answers, acknowledged - rows.alerts);
    expect(stale['usd']).toBe(0.5);
    expect([noCopy.status, errorCodeOf(noCopy)]).toEqual([503, 'UPSTREAM_UNAVAILABLE']);
    expect(failedDuring).toBeGreaterThan(failedBefore);
    expect(brokenAnswers(answers, COINGECKO_DOWN_503S)).toEqual([]);
    expect([acknowledged, rows.alerts]).toEqual([2, 2]);
    expect(app.isRunning()).toBe(true);
  });

  it.each<[string, FakeChatReply]>([
    ['500', { status: 500 }],
    ['hanging past OPENAI_TIMEOUT_MS', { hang: true }],
    ['a body that is not JSON', { garbage: '<html><body>502 Bad Gateway</body></html>' }],
    ['a truncated JSON body', { garbage: '{"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assis' }],
  ])('OpenAI answering %s: AI answers 200 from the rules, /health shows openai down, then the model answers again', async (label, failure) => {
    const { account, token } = await app.signIn();
    const explain = () => app.ask({ method: 'POST', path: '/api/ai/explain', token, json: { concept: `impermanent loss ${randomUUID()}` } });
    app.takeAnswers();

    app.openai.setDefaultReply(() => failure);
    const during = await explain();
    const checksDuring = await app.checks();
    const acknowledged = await createAlerts(app, token, 2);

    app.openai.setDefaultReply(undefined);
    const after = await explain();
    const checksAfter = await app.checks();

    const answers = app.takeAnswers();
    const rows = await app.rowsOf(account.address);
    recordFaultOutcome(`OpenAI ${label}`, answers, acknowledged - rows.alerts);
    expect([during.status, dataOf(during)?.['provider']]).toEqual([200, 'heuristic']);
    expect(checksDuring.openai).toBe('down');
    expect([after.status, dataOf(after)?.['provider']]).toEqual([200, 'openai']);
    expect(checksAfter.openai).toBe('up');
    expect(brokenAnswers(answers, [])).toEqual([]);
    expect([acknowledged, rows.alerts]).toEqual([2, 2]);
    expect(app.isRunning()).toBe(true);
  });
});
