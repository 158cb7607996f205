import request from 'supertest';
import type { RunningServer } from '../../src/main';
import type { DevnetAccount } from '../support/devnet';
import { portfolioOf, startAiHarness, tokenFor, type AiHarness, type PortfolioJson } from './ai-harness';

jest.setTimeout(120_000);

const usd = (x: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(x);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The figures a rule-based answer about the borrower must name, taken from the portfolio the app serves. */
const figuresOf = (p: PortfolioJson) => ({
  worth: usd(p.totalValueUSD),
  netWorth: usd(p.netWorthUSD),
  healthFactor: (p.healthFactor ?? NaN).toFixed(2),
  top: `${String(p.risk.concentration.topAsset)} at ${pct(p.risk.concentration.topWeight)}`,
  stable: pct(p.risk.stablecoinShare),
});

/** `ai_fallbacks_total` of one app, by reason (reasons never counted are left out). */
const fallbacksOf = async (server: RunningServer): Promise<Record<string, number>> =>
  Object.fromEntries((await server.metrics.aiFallbacks.get()).values.map((v) => [String(v.labels.reason), v.value]));

/** What `act` returned, and what `ai_fallbacks_total` gained while it ran, by reason. */
const countingFallbacks = async <A>(server: RunningServer, act: () => Promise<A>): Promise<{ result: A; fallbacks: Record<string, number> }> => {
  const before = await fallbacksOf(server);
  const result = await act();
  const after = await fallbacksOf(server);
  const fallbacks = Object.fromEntries(Object.entries(after).flatMap(([reason, n]) => (n === (before[reason] ?? 0) ? [] : [[reason, n - (before[reason] ?? 0)]])));
  return { result, fallbacks };
};

describe('rule-based answers when the model fails or is not configured', () => {
  let h: AiHarness;
  let app: RunningServer;
  let noKey: RunningServer;
  let borrower: DevnetAccount;
  let token: string;
  let portfolio: PortfolioJson;
  beforeAll(async () => {
    h = await startAiHarness();
    app = await h.startApp({ OPENAI_TIMEOUT_MS: '300' });
    noKey = await h.startApp({ OPENAI_API_KEY: undefined, OPENAI_BASE_URL: undefined });
    borrower = await h.borrower();
    token = await tokenFor(app, borrower);
    portfolio = await portfolioOf(app, borrower.address);
    // 10 000 WSEI supplied at $0.50 ($5 000), 2 000 USDC borrowed and held, 10 SEI at $0.40 (less a little gas).
    expect(portfolio.totalValueUSD).toBeCloseTo(7004, 2);
    expect(portfolio.netWorthUSD).toBeCloseTo(5004, 2);
    expect(portfolio.totalBorrowedUSD).toBe(2000);
  });
  afterEach(() => h.fake.reset());
  afterAll(() => h.stop());

  const analyze = (server: RunningServer, bearer: string) => request(server.app).post('/api/ai/analyze').set('Authorization', `Bearer ${bearer}`).send({ analysisType: 'risk_focused' });
  const expectRuleBasedAnalysis = (body: { data: Record<string, unknown> }) => {
    const f = figuresOf(portfolio);
    expect(body.data['provider']).toBe('heuristic');
    expect(body.data['model']).toBe('rule-based-v1');
    const analysis = String(body.data['analysis']);
    expect(analysis).toMatch(/^Rule-based answer \(/);
    for (const figure of [f.healthFactor, f.top, f.stable, usd(portfolio.totalBorrowedUSD)]) expect(analysis).toContain(figure);
    expect(body.data['riskAssessment']).toEqual({ level: portfolio.risk.level, factors: expect.any(Array) });
  };

  it('answers 200 from the rules when the model answers 500 (after its one retry), and /health shows openai down until a call succeeds', async () => {
    h.fake.enqueue({ status: 500 }, { status: 500 });
    const { result: res, fallbacks } = await countingFallbacks(app, () => analyze(app, token));
    expect(fallbacks).toEqual({ unavailable: 1 });
    expect(res.status).toBe(200);
    expectRuleBasedAnalysis(res.body);
    expect(String(res.body.data.analysis)).toContain('the AI model could not answer just now');
    expect(h.fake.requests().map((r) => r.status)).toEqual([500, 500]);

    expect((await request(app.app).get('/health')).body.data.checks.openai).toBe('down');
    h.fake.enqueue({ content: 'Hello.' });
    await request(app.app).post('/api/chat/message').set('Authorization', `Bearer ${token}`).send({ message: 'hi' });
    expect((await request(app.app).get('/health')).body.data.checks.openai).toBe('up');
  });

  it('answers 200 from the rules when the model hangs past OPENAI_TIMEOUT_MS, having abandoned both attempts', async () => {
    h.fake.enqueue({ hang: true }, { hang: true });
    const res = await request(app.app).post('/api/chat/message').set('Authorization', `Bearer ${token}`).send({ message: 'What is my health factor?' });
    expect(res.status).toBe(200);
    const f = figuresOf(portfolio);
    expect(res.body.data).toMatchObject({ provider: 'heuristic', model: 'rule-based-v1', toolCalls: [] });
    expect(res.body.data.response).toMatch(/^Rule-based answer \(the AI model could not answer just now\)/);
    expect(res.body.data.response).toContain(`your health factor is ${f.healthFactor}`);
    expect(res.body.data.response).toContain(`You borrow ${usd(2000)} against ${usd(5000)} supplied`);
    const requests = await h.fake.waitForRequests(2);
    expect(requests.every((r) => r.closedByClient)).toBe(true);
  });

  it('answers 200 from the rules when the answer does not match the schema, even after the one repair', async () => {
    h.fake.enqueue({ json: { analysis: 42 } }, { content: 'not json at all' });
    const { result: res, fallbacks } = await countingFallbacks(app, () => analyze(app, token));
    expect(fallbacks).toEqual({ bad_response: 1 });
    expect(res.status).toBe(200);
    expectRuleBasedAnalysis(res.body);
    expect(h.fake.requests()).toHaveLength(2);
    // A rule-based answer is not cached: the next request asks the model again.
    h.fake.enqueue({ json: { analysis: 'Fine.', recommendations: [], riskAssessment: { level: 'low', factors: [] }, opportunities: [] } });
    const again = await analyze(app, token);
    expect(again.body.data.provider).toBe('openai');
  });

  it('answers every AI endpoint from the rules, naming the wallet\'s real figures, when the model is down', async () => {
    h.fake.setDefaultReply(() => ({ status: 503 }));
    const auth = { Authorization: `Bearer ${token}` };
    const f = figuresOf(portfolio);
    const suggest = await request(app.app).post('/api/ai/suggest').set(auth).send({ riskTolerance: 'conservative' });
    const explain = await request(app.app).post('/api/ai/explain').set(auth).send({ concept: 'health factor', complexity: 'beginner' });
    const risk = await request(app.app).post('/api/ai/risk-assessment').set(auth).send({ strategy: 'Borrow more USDC to loop WSEI' });
    const market = await request(app.app).get('/api/ai/market-insights?focus=lending').set(auth);
    const chat = await request(app.app).post('/api/chat/analysis').set(auth).send({ focus: 'risk' });

    for (const res of [suggest, explain, risk, market, chat]) {
      expect(res.status).toBe(200);
      expect(res.body.data.provider).toBe('heuristic');
    }
    expect(suggest.body.data.suggestions[0].rationale).toMatch(/^Rule-based answer \(the AI model could not answer just now\)/);
    expect(suggest.body.data.suggestions.map((s: { action: string }) => s.action)).toContain('Diversify out of WSEI.');
    expect(explain.body.data.explanation).toContain(`your health factor is ${f.healthFactor}`);
    expect(risk.body.data).toMatchObject({ level: 'high' });
    expect(risk.body.data.factors[0]).toContain(`your health factor is ${f.healthFactor} now`);
    expect(market.body.data.insights).toEqual([
      expect.stringMatching(/average 24h move is \+1\.63%/),
      'Biggest gainer: INJ +12.50% at $2.00.',
      'Biggest loser: ESC -7.75% at $1.00.',
      'USDC holds its peg at $1.00.',
    ]);
    expect(chat.body.data.response).toContain(f.healthFactor);
    expect(chat.body.data.response).toContain(f.top);
  });

  it('answers every AI endpoint from the rules with no key configured, and never calls a model', async () => {
    const bearer = await tokenFor(noKey, borrower);
    const { result: res, fallbacks } = await countingFallbacks(noKey, () => analyze(noKey, bearer));
    expect(fallbacks).toEqual({ not_configured: 1 });
    expect(res.status).toBe(200);
    expectRuleBasedAnalysis(res.body);
    expect(res.body.data.analysis).toMatch(/^Rule-based answer \(no AI model is configured\)/);
    const chat = await request(noKey.app).post('/api/chat/message').set('Authorization', `Bearer ${bearer}`).set('Accept', 'text/event-stream').send({ message: 'how risky am I?' });
    expect(chat.status).toBe(200);
    const text = chat.text;
    expect(text).toContain('event: chunk');
    expect(text).toContain('"provider":"heuristic"');
    expect(text).toContain(`Overall risk is ${portfolio.risk.level} (score ${portfolio.risk.score} of 100).`);
    expect((await request(noKey.app).get('/health')).body.data.checks.openai).toBe('not_configured');
    expect(h.fake.requests()).toHaveLength(0);
  });
});
