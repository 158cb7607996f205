import fc from 'fast-check';
import { valueUSD } from '../../../tests/support/arbitraries';
import { assessRisk } from './assess-risk';
import type { RiskFactorId, RiskInput } from './risk-types';
import { RISK_FACTOR_WEIGHTS } from './risk-weights';

const factor = (input: RiskInput, id: RiskFactorId) => {
  const found = assessRisk(input).factors.find((f) => f.id === id);
  if (found === undefined) throw new Error(`missing factor ${id}`);
  return found;
};

const noDebt = { healthFactor: null, totalDebtUSD: 0 } as const;

describe('assessRisk', () => {
  it('scores a debt-free, stablecoin-heavy wallet low (worked example)', () => {
    // USDC 60%, ETH 30%, SEI 10%: HHI .36 + .09 + .01 = .46; volatile HHI .09 + .01 = .10 → 20 × .10 = 2;
    // stablecoin share .6 → volatile exposure .4 → 15 × .4 = 6; no debt, no LP → score 8.0.
    const input: RiskInput = {
      ...noDebt,
      netWorthUSD: 10000,
      holdings: [
        { symbol: 'USDC', valueUSD: 6000, isStable: true },
        { symbol: 'ETH', valueUSD: 3000, isStable: false },
        { symbol: 'SEI', valueUSD: 1000, isStable: false },
      ],
      liquidity: [],
    };
    const risk = assessRisk(input);
    expect(risk.score).toBe(8);
    expect(risk.level).toBe('low');
    expect(risk.liquidationRisk).toBe('none');
    expect(risk.healthFactor).toBeNull();
    expect(risk.concentration.hhi).toBeCloseTo(0.46, 12);
    expect(risk.concentration.topAsset).toBe('USDC');
    expect(risk.concentration.topWeight).toBeCloseTo(0.6, 12);
    expect(risk.stablecoinShare).toBeCloseTo(0.6, 12);
    expect(risk.impermanentLossRisk).toBe(0);
    expect(risk.factors.map((f) => [f.id, f.weight, Math.round(f.value * 1000) / 1000])).toEqual([
      ['liquidation', 40, 0],
      ['leverage', 15, 0],
      ['concentration', 20, 0.1],
      ['volatileExposure', 15, 0.4],
      ['impermanentLoss', 10, 0],
    ]);
    expect(factor(input, 'concentration').explanation).toBe(
      'USDC is 60.0% of your holdings and volatile assets have an HHI of 0.10: volatile exposure is already spread out; avoid letting one asset dominate.',
    );
    expect(factor(input, 'volatileExposure').explanation).toBe(
      '60.0% of your $10,000.00 holdings is in stablecoins, leaving 40.0% exposed to price swings.',
    );
    expect(factor(input, 'liquidation').explanation).toBe('You have no debt, so nothing can be liquidated.');
  });

  it('scores a leveraged single-asset position critical (worked example)', () => {
    // HF 1.10: liquidation (2 − 1.1)/(2 − 1) = .9 → 36; leverage 8000/10000 = .8 → 12; all in ETH: HHI 1 → 20;
    // no stablecoins → 15; no LP → 0. Score 83 ≥ 75 → critical; liquidation band: 1.10 < 1.15 → high.
    const input: RiskInput = {
      healthFactor: 1.1,
      totalDebtUSD: 8000,
      netWorthUSD: 2000,
      holdings: [{ symbol: 'ETH', valueUSD: 10000, isStable: false }],
      liquidity: [],
    };
    const risk = assessRisk(input);
    expect(risk.score).toBe(83);
    expect(risk.level).toBe('critical');
    expect(risk.liquidationRisk).toBe('high');
    expect(risk.concentration).toEqual({ hhi: 1, topAsset: 'ETH', topWeight: 1 });
    expect(factor(input, 'liquidation').explanation).toBe(
      'Health factor 1.10 means a 9.1% fall in collateral value would trigger liquidation: repay debt or add collateral to lift it toward 2.00.',
    );
    expect(factor(input, 'leverage').explanation).toBe(
      'Debt of $8,000.00 is 80.0% of your $10,000.00 gross assets: repaying part of it lowers your exposure.',
    );
    expect(factor(input, 'concentration').explanation).toBe(
      'ETH is 100.0% of your holdings and volatile assets have an HHI of 1.00: spreading volatile exposure across more assets would lower this.',
    );
  });

  it('is critical whenever liquidation is critical, even with a modest score', () => {
    // HF 1.04 → liquidation .96 → 38.4 points; tiny leverage (100/100100 → 0.015 points); everything in USDC.
    const input: RiskInput = {
      healthFactor: 1.04,
      totalDebtUSD: 100,
      netWorthUSD: 100000,
      holdings: [{ symbol: 'USDC', valueUSD: 100100, isStable: true }],
      liquidity: [],
    };
    const risk = assessRisk(input);
    expect(risk.score).toBe(38.4);
    expect(risk.liquidationRisk).toBe('critical');
    expect(risk.level).toBe('critical');
  });

  it('flags liquidity in volatile pairs, counting out-of-range positions (worked example)', () => {
    // Holdings $10,000 (half USDC); LP $7,000 of which $5,000 in volatile pairs (one out of range).
    // IL exposure of LP value 5000/7000 = .714; IL factor 5000/17000 = .294 → 2.94; volatile HHI .25 → 5;
    // volatile exposure .5 → 7.5. Score 15.44 → 15.4, low.
    const input: RiskInput = {
      ...noDebt,
      netWorthUSD: 17000,
      holdings: [
        { symbol: 'ETH', valueUSD: 5000, isStable: false },
        { symbol: 'USDC', valueUSD: 5000, isStable: true },
      ],
      liquidity: [
        { valueUSD: 4000, isInRange: true, isVolatilePair: true },
        { valueUSD: 1000, isInRange: false, isVolatilePair: true },
        { valueUSD: 2000, isInRange: true, isVolatilePair: false },
      ],
    };
    const risk = assessRisk(input);
    expect(risk.impermanentLossRisk).toBeCloseTo(5 / 7, 12);
    expect(factor(input, 'impermanentLoss').value).toBeCloseTo(5 / 17, 12);
    expect(risk.score).toBe(15.4);
    expect(risk.level).toBe('low');
    expect(factor(input, 'impermanentLoss').explanation).toBe(
      '$5,000.00 of your $7,000.00 in liquidity positions (29.4% of assets) sits in volatile pairs, 1 position is out of range and earning no fees: consider wider ranges or stable pairs to limit impermanent loss.',
    );
  });

  it('reports liquidation bands at the configured thresholds', () => {
    const at = (healthFactor: number, thresholds = {}) =>
      assessRisk({ healthFactor, totalDebtUSD: 1, netWorthUSD: 10, holdings: [], liquidity: [] }, thresholds)
        .liquidationRisk;
    expect([1.0, 1.05, 1.149, 1.15, 1.299, 1.3, 5].map((hf) => at(hf))).toEqual([
      'critical',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      'low',
    ]);
    expect(at(1.2, { healthFactorCritical: 1.25 })).toBe('critical');
  });

  it('treats a health factor without debt as no liquidation risk', () => {
    const risk = assessRisk({ healthFactor: 1.01, totalDebtUSD: 0, netWorthUSD: 0, holdings: [], liquidity: [] });
    expect(risk.liquidationRisk).toBe('none');
    expect(risk.score).toBe(0);
    expect(risk.level).toBe('low');
  });

  it('explains leverage beyond the assets and a health factor below 1', () => {
    const input: RiskInput = { healthFactor: 0.95, totalDebtUSD: 500, netWorthUSD: -600, holdings: [], liquidity: [] };
    expect(factor(input, 'leverage')).toMatchObject({ value: 1 });
    expect(factor(input, 'leverage').explanation).toBe(
      'Debt of $500.00 exceeds your net worth of -$600.00 plus debt: repay debt before anything else.',
    );
    expect(factor(input, 'liquidation')).toMatchObject({ value: 1 });
    expect(factor(input, 'liquidation').explanation).toBe(
      'Health factor 0.95 is below 1.00, so your loans can be liquidated now: repay debt or add collateral immediately.',
    );
  });

  it('has factor weights that sum to 100', () => {
    expect(Object.values(RISK_FACTOR_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    const risk = assessRisk({ ...noDebt, netWorthUSD: 0, holdings: [], liquidity: [] });
    expect(risk.factors.reduce((sum, f) => sum + f.weight, 0)).toBe(100);
  });

  const holdingArb = fc.record({
    symbol: fc.constantFrom('ETH', 'BTC', 'SEI', 'USDC', 'USDT'),
    valueUSD: valueUSD(),
    isStable: fc.boolean(),
  });
  const liquidityArb = fc.record({
    valueUSD: valueUSD(),
    isInRange: fc.boolean(),
    isVolatilePair: fc.boolean(),
  });
  const inputArb = fc.record({
    healthFactor: fc.option(fc.double({ min: 0.5, max: 10, noNaN: true }), { nil: null }),
    totalDebtUSD: valueUSD(),
    netWorthUSD: valueUSD(-1e6),
    holdings: fc.array(holdingArb, { maxLength: 8 }),
    liquidity: fc.array(liquidityArb, { maxLength: 4 }),
  });

  it('keeps every factor value in [0, 1], the score in [0, 100] and equal to Σ weight × value', () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const risk = assessRisk(input);
        for (const f of risk.factors) {
          expect(f.value).toBeGreaterThanOrEqual(0);
          expect(f.value).toBeLessThanOrEqual(1);
          expect(f.explanation.length).toBeGreaterThan(20);
        }
        const exact = risk.factors.reduce((sum, f) => sum + f.weight * f.value, 0);
        expect(Math.abs(risk.score - exact)).toBeLessThanOrEqual(0.05 + 1e-9);
        expect(risk.score).toBeGreaterThanOrEqual(0);
        expect(risk.score).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('more debt and a lower health factor never lower the liquidation factor, the score or the level', () => {
    const levels = ['low', 'medium', 'high', 'critical'];
    fc.assert(
      fc.property(
        inputArb,
        valueUSD(),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (input, extraDebt, hfDrop) => {
          const worse: RiskInput = {
            ...input,
            totalDebtUSD: input.totalDebtUSD + extraDebt,
            healthFactor: input.healthFactor === null ? 3 - Math.min(hfDrop, 2.5) : Math.max(0, input.healthFactor - hfDrop),
          };
          const before = assessRisk(input);
          const after = assessRisk(worse);
          const liquidationValue = (r: typeof before) => r.factors.find((f) => f.id === 'liquidation')?.value ?? -1;
          expect(liquidationValue(after)).toBeGreaterThanOrEqual(liquidationValue(before));
          expect(after.score).toBeGreaterThanOrEqual(before.score);
          expect(levels.indexOf(after.level)).toBeGreaterThanOrEqual(levels.indexOf(before.level));
        },
      ),
    );
  });
});
