import request from 'supertest';
import { maxUint256 } from 'viem';
import { parseDataSections } from '../../src/domain/ai/data-section';
import { encodeRepay, encodeWithdraw } from '../../src/domain/tx/lending';
import { textOf } from '../ai/ai-harness';
import type { RunningServer } from '../../src/main';
import { E18, E6, startLendingHarness, type LendingHarness } from './lending-harness';

jest.setTimeout(180_000);

interface SuggestionJson {
  action: string;
  rationale: string;
  expectedImpact: string;
  prepare?: { route: string; body: Record<string, string> };
}

/** 1.5: the health factor the rules ask of a moderate profile. */
const MODERATE_TARGET = 1_500_000_000_000_000_000n;

describe('suggestions backed by a prepare link (Yei on the devnet, through HTTP)', () => {
  let h: LendingHarness;
  let rulesApp: RunningServer;
  let modelApp: RunningServer;
  const usdc = () => h.defi.token('USDC').address;
  const wsei = () => h.defi.token('WSEI').address;
  const poolHealthFactor = async (wallet: `0x${string}`) => (await h.defi.yei.getUserAccountData(wallet)).healthFactor;

  const suggest = async (app: RunningServer, token: string): Promise<{ provider: string; suggestions: SuggestionJson[] }> => {
    const res = await request(app.app).post('/api/ai/suggest').set('Authorization', `Bearer ${token}`).send({ riskTolerance: 'moderate' });
    expect(res.status).toBe(200);
    return res.body.data as { provider: string; suggestions: SuggestionJson[] };
  };

  beforeAll(async () => {
    h = await startLendingHarness();
    rulesApp = await h.startApp();
    modelApp = await h.startApp({ OPENAI_API_KEY: 'sk-test-key', OPENAI_BASE_URL: h.fake.url, OPENAI_MODEL: 'gpt-test-mini', OPENAI_TIMEOUT_MS: '3000' });
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('rules: a borrower at HF 1.18 gets "repay N USDC" instead of the generic advice; repaying exactly N lands the pool at 1.5 (+0.1%)', async () => {
    // 10 000 WSEI × $0.5 × 80% = $4 000 of borrowing power against 3 400 USDC: HF 1.176.
    const borrower = await h.borrower(10_000n * E18, 3_400n * E6);
    const { provider, suggestions } = await suggest(rulesApp, await h.tokenFor(rulesApp, borrower));
    expect(provider).toBe('heuristic');
    const linked = suggestions.filter((s) => s.prepare !== undefined);
    expect(linked).toHaveLength(1);
    const [repay] = linked;
    expect(repay?.prepare?.route).toBe('/api/tx/lending/repay');
    expect(repay?.prepare?.body.asset).toBe(usdc());
    expect(suggestions.some((s) => s.action.startsWith('Repay part of your'))).toBe(false);
    // Debt ≤ 4000 / 1.5015 = 2664.002664 USDC: 735.997336 USDC to repay, plus the interest of the seconds since the
    // borrow (USDC is 0.03% used: a few base units at most).
    const amount = BigInt(repay?.prepare?.body.amount ?? '0');
    expect(amount).toBeGreaterThanOrEqual(735_997_336n);
    expect(amount).toBeLessThan(735_997_336n + 1_000n);
    expect(repay?.action).toBe(`Repay ${Number(amount) / 1e6} USDC on Yei to lift your health factor from 1.18 to 1.50.`);
    // The analysis carries the same action (no block mined in between): its recommendations backed by a link.
    const analysis = await request(rulesApp.app).post('/api/ai/analyze').set('Authorization', `Bearer ${await h.tokenFor(rulesApp, borrower)}`).send({});
    expect(analysis.status).toBe(200);
    // (The rule-based notice opens the first suggestion's rationale only.)
    expect(analysis.body.data.actions).toEqual([{ ...repay, rationale: 'Your health factor is 1.18, below the 1.50 your profile calls for; liquidation starts at 1.00.' }]);

    await h.approve(borrower, usdc(), h.defi.yei.pool, amount);
    await h.send(borrower, h.defi.yei.pool, encodeRepay(usdc(), amount, borrower.address));
    const after = await poolHealthFactor(borrower.address);
    expect(after).toBeGreaterThanOrEqual(MODERATE_TARGET);
    expect(after).toBeLessThan(1_502_000_000_000_000_000n);
  });

  it('rules: a borrower at HF 4 gets a withdraw link for the collateral above HF 3; withdrawing it lands the pool at 3', async () => {
    // 10 000 WSEI ($4 000 of power) against 1 000 USDC: HF 4; HF 3 needs $3 750 of WSEI: 7 500 WSEI stay.
    const borrower = await h.borrower(10_000n * E18, 1_000n * E6);
    const { suggestions } = await suggest(rulesApp, await h.tokenFor(rulesApp, borrower));
    const withdraw = suggestions.find((s) => s.prepare?.route === '/api/tx/lending/withdraw');
    expect(withdraw?.prepare?.body.asset).toBe(wsei());
    const amount = BigInt(withdraw?.prepare?.body.amount ?? '0');
    // 2 500 WSEI, or a hair less when the debt grew by the interest of a few seconds.
    expect(amount).toBeLessThanOrEqual(2_500n * E18);
    expect(amount).toBeGreaterThan(2_499n * E18);
    await h.send(borrower, h.defi.yei.pool, encodeWithdraw(wsei(), amount, borrower.address));
    const after = await poolHealthFactor(borrower.address);
    expect(after).toBeGreaterThanOrEqual(3n * E18 - 1_000_000_000_000n);
    expect(after).toBeLessThan(3_001_000_000_000_000_000n);
    expect(await h.balanceOf(wsei(), borrower.address)).toBe(amount);
  });

  it('model: the model’s suggestions come after the server’s linked ones, sized at the latest block', async () => {
    const borrower = await h.borrower(10_000n * E18, 3_600n * E6);
    h.fake.enqueue({ json: { suggestions: [{ action: 'Add collateral.', rationale: 'Your health factor is low.', expectedImpact: 'Safer.' }] } });
    const { provider, suggestions } = await suggest(modelApp, await h.tokenFor(modelApp, borrower));
    expect(provider).toBe('openai');
    expect(suggestions).toHaveLength(2);
    expect(suggestions[0]?.prepare?.route).toBe('/api/tx/lending/repay');
    expect(suggestions[1]).toEqual({ action: 'Add collateral.', rationale: 'Your health factor is low.', expectedImpact: 'Safer.' });
    // Repaying "max"-free: the exact amount lifts the pool to the target.
    const amount = BigInt(suggestions[0]?.prepare?.body.amount ?? '0');
    await h.approve(borrower, usdc(), h.defi.yei.pool, maxUint256);
    await h.send(borrower, h.defi.yei.pool, encodeRepay(usdc(), amount, borrower.address));
    expect(await poolHealthFactor(borrower.address)).toBeGreaterThanOrEqual(MODERATE_TARGET);
  });

  it('chat: a borrower near liquidation asks how to get safe; the model’s prepare_transaction call is answered with a real simulation, nothing is sent, and the reply’s action prepares via HTTP to a health factor above the target', async () => {
    // 10 000 WSEI ($4 000 of borrowing power) against 3 400 USDC: HF 1.18.
    const borrower = await h.borrower(10_000n * E18, 3_400n * E6);
    const token = await h.tokenFor(modelApp, borrower);
    h.fake.reset();
    h.fake.enqueue(
      { toolCalls: [{ name: 'prepare_transaction', arguments: { route: '/api/tx/lending/repay', body: { asset: usdc(), amount: (800n * E6).toString() } } }] },
      { content: 'Repaying 800 USDC lifts your health factor to about 1.54.' },
    );
    const res = await request(modelApp.app).post('/api/chat/message').set('Authorization', `Bearer ${token}`).send({ message: 'How do I get safe?' });
    expect(res.status).toBe(200);
    expect(res.body.data.toolCalls).toEqual([{ name: 'prepare_transaction', arguments: { route: '/api/tx/lending/repay', body: { asset: usdc(), amount: '800000000' } } }]);

    // The tool's answer, as the model saw it: the engine's simulation, ok, with 4 000 / 2 600 = 1.538 after.
    const toolMessage = h.fake.requests()[1]?.body.messages.find((m) => m.role === 'tool');
    const [toolResult] = parseDataSections(textOf(toolMessage?.content)) as Array<{ simulation: { ok: boolean; healthFactorBefore: number; healthFactorAfter: number }; transactions: Array<{ kind: string }> }>;
    expect(toolResult?.simulation.ok).toBe(true);
    expect(toolResult?.transactions.map((t) => t.kind)).toEqual(['approve', 'action']);
    expect(Math.abs((toolResult?.simulation.healthFactorAfter ?? 0) - 4_000 / 2_600)).toBeLessThan(1e-6);
    // Prepared, not sent: the debt is still there.
    expect((await h.defi.yei.getUserReserveData(usdc(), borrower.address)).currentVariableDebt).toBeGreaterThanOrEqual(3_400n * E6);

    const [action] = res.body.data.actions as SuggestionJson[];
    expect(action?.prepare?.route).toBe('/api/tx/lending/repay');
    const prepared = await request(modelApp.app).post(action?.prepare?.route ?? '').set('Authorization', `Bearer ${token}`).send(action?.prepare?.body ?? {});
    expect(prepared.status).toBe(200);
    expect(prepared.body.data.simulation.ok).toBe(true);
    expect(prepared.body.data.simulation.healthFactorAfter).toBeGreaterThanOrEqual(1.5);
  });

  it('chat: prepare_transaction with a bad body or an unknown route answers the model an error, not a simulation', async () => {
    const borrower = await h.borrower(10_000n * E18, 1_000n * E6);
    const token = await h.tokenFor(modelApp, borrower);
    h.fake.reset();
    h.fake.enqueue(
      {
        toolCalls: [
          { name: 'prepare_transaction', arguments: { route: '/api/tx/lending/borrow', body: { asset: usdc(), amount: 'max' } } },
          { name: 'prepare_transaction', arguments: { route: '/api/tx/send', body: {} } },
        ],
      },
      { content: 'I could not prepare that.' },
    );
    const res = await request(modelApp.app).post('/api/chat/message').set('Authorization', `Bearer ${token}`).send({ message: 'Borrow everything' });
    expect(res.status).toBe(200);
    const results = h.fake
      .requests()[1]
      ?.body.messages.filter((m) => m.role === 'tool')
      .map((m) => parseDataSections(textOf(m.content))[0] as { error: unknown });
    expect(results?.[0]?.error).toMatchObject({ code: 'VALIDATION_ERROR' });
    expect(String(results?.[1]?.error)).toContain('there is no prepare route /api/tx/send');
  });
});
