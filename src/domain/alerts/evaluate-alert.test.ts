import fc from 'fast-check';
import { scriptedPortfolio, type PortfolioScript } from '../../../tests/support/scripted-portfolio';
import type { WalletAddress } from '../address/wallet-address';
import { INITIAL_ALERT_STATE, type AlertRule, type AlertState, type AlertType } from './alert-rule';
import { evaluateAlert, REARM_BAND, type AlertDecision } from './evaluate-alert';

const WALLET = '0x1111111111111111111111111111111111111111' as WalletAddress;
const ruleOf = (type: AlertType, threshold: number, token: string | null = null): AlertRule => ({ id: 'rule-1', wallet: WALLET, type, threshold, token });

const observe = (s: PortfolioScript, previous: PortfolioScript | null = null) => ({
  portfolio: scriptedPortfolio(s),
  previous: previous === null ? null : scriptedPortfolio(previous),
  prices: new Map(Object.entries(s.prices ?? {})),
});

/** Runs a rule over successive reads, as the service does, and returns every decision kind in order. */
const run = (rule: AlertRule, reads: ReadonlyArray<PortfolioScript>, start: AlertState = INITIAL_ALERT_STATE): ReadonlyArray<AlertDecision> => {
  let state = start;
  let previous: PortfolioScript | null = null;
  const decisions: AlertDecision[] = [];
  for (const read of reads) {
    const decision = evaluateAlert(rule, state, observe(read, previous));
    decisions.push(decision);
    state = decision.next;
    previous = read;
  }
  return decisions;
};

const kinds = (decisions: ReadonlyArray<AlertDecision>): ReadonlyArray<string> => decisions.map((d) => d.kind);

/** True when every two triggers have a re-arm between them. */
const neverFiresTwiceWithoutClearing = (decisions: ReadonlyArray<AlertDecision>): boolean => {
  let armed = true;
  for (const d of decisions) {
    if (d.kind === 'trigger') {
      if (!armed) return false;
      armed = false;
    }
    if (d.kind === 'rearm') armed = true;
  }
  return true;
};

describe('evaluateAlert: health_factor_below', () => {
  const rule = ruleOf('health_factor_below', 1.5);

  it('fires once at 1.3 under 1.5, stays quiet while it stays low or inside the band, re-arms above it and fires again', () => {
    const hf = [1.3, 1.3, 1.4, 1.5, 1.52, 1.8, 1.6, 1.3, 1.2];
    expect(kinds(run(rule, hf.map((healthFactor) => ({ healthFactor }))))).toEqual([
      'trigger', 'nothing', 'nothing', 'nothing', 'nothing', 'rearm', 'nothing', 'trigger', 'nothing',
    ]);
  });

  it('says what it saw, with the numbers, and is critical below 1.05', () => {
    const [warning] = run(rule, [{ healthFactor: 1.3 }]);
    expect(warning).toEqual({
      kind: 'trigger',
      next: { armed: false, baselineValueUSD: null },
      finding: {
        type: 'health_factor_below',
        severity: 'warning',
        message: 'Health factor 1.30 is below your alert threshold of 1.50: add collateral or repay debt to avoid liquidation.',
        metadata: { alertId: 'rule-1', threshold: 1.5, healthFactor: 1.3 },
      },
    });
    const [critical] = run(rule, [{ healthFactor: 1.01 }]);
    expect(critical?.kind === 'trigger' ? critical.finding.severity : undefined).toBe('critical');
  });

  it('treats repaid debt (no health factor) as cleared', () => {
    expect(kinds(run(rule, [{ healthFactor: 1.2 }, { healthFactor: null }, { healthFactor: 1.2 }]))).toEqual(['trigger', 'rearm', 'trigger']);
  });

  it('never fires twice without clearing, fires only below the threshold, re-arms only beyond the band', () => {
    const reading = fc.oneof(fc.constant(null), fc.double({ min: 0.5, max: 3, noNaN: true }));
    fc.assert(
      fc.property(fc.double({ min: 1.01, max: 2.5, noNaN: true }), fc.array(reading, { maxLength: 60 }), (threshold, readings) => {
        const r = ruleOf('health_factor_below', threshold);
        const decisions = run(r, readings.map((healthFactor) => ({ healthFactor })));
        expect(neverFiresTwiceWithoutClearing(decisions)).toBe(true);
        decisions.forEach((d, i) => {
          const hf = readings[i] ?? null;
          if (d.kind === 'trigger') expect(hf !== null && hf < threshold).toBe(true);
          if (d.kind === 'rearm') expect(hf === null || hf >= threshold * (1 + REARM_BAND)).toBe(true);
        });
      }),
    );
  });

  it('fires at most once for a reading that hovers around the threshold without clearing', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.01, max: 2.5, noNaN: true }), fc.array(fc.double({ min: -0.2, max: 0.0199, noNaN: true }), { maxLength: 80 }), (threshold, wobbles) => {
        const decisions = run(ruleOf('health_factor_below', threshold), wobbles.map((w) => ({ healthFactor: threshold * (1 + w) })));
        expect(decisions.filter((d) => d.kind === 'trigger').length).toBeLessThanOrEqual(1);
        expect(decisions.filter((d) => d.kind === 'rearm')).toEqual([]);
      }),
    );
  });
});

describe('evaluateAlert: price alerts', () => {
  const TOKEN = '0x3894085Ef7Ff0f0aeDf52E2A2704928d1Ec074F1';

  it('price_above fires above, stays quiet until 2% under the threshold, then fires again', () => {
    const rule = ruleOf('price_above', 100, TOKEN);
    const prices = [101, 105, 99, 98.5, 97.9, 100.5];
    expect(kinds(run(rule, prices.map((p) => ({ prices: { [TOKEN]: p } }))))).toEqual(['trigger', 'nothing', 'nothing', 'nothing', 'rearm', 'trigger']);
  });

  it('price_below fires below and names the token by its symbol', () => {
    const rule = ruleOf('price_below', 0.25, 'native');
    const [first] = run(rule, [{ prices: { native: 0.2 } }]);
    expect(first?.kind === 'trigger' ? first.finding.message : undefined).toBe('SEI is at $0.20, below your alert price of $0.25.');
  });

  it('does nothing, and keeps its state, when the price is unknown', () => {
    const rule = ruleOf('price_below', 0.25, 'native');
    expect(run(rule, [{}, { prices: { '0x00000000000000000000000000000000000000aa': 1 } }], { armed: false, baselineValueUSD: null })).toEqual([
      { kind: 'nothing', next: { armed: false, baselineValueUSD: null } },
      { kind: 'nothing', next: { armed: false, baselineValueUSD: null } },
    ]);
  });

  it('never fires twice without clearing, whatever the prices', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<AlertType>('price_above', 'price_below'),
        fc.array(fc.option(fc.double({ min: 50, max: 150, noNaN: true }), { nil: undefined }), { maxLength: 60 }),
        (type, prices) => {
          const decisions = run(ruleOf(type, 100, 'native'), prices.map((p) => (p === undefined ? {} : { prices: { native: p } })));
          expect(neverFiresTwiceWithoutClearing(decisions)).toBe(true);
          decisions.forEach((d, i) => {
            const p = prices[i];
            if (d.kind === 'trigger') expect(p !== undefined && (type === 'price_above' ? p > 100 : p < 100)).toBe(true);
            if (d.kind === 'rearm') expect(p !== undefined && (type === 'price_above' ? p <= 100 * (1 - REARM_BAND) : p >= 100 * (1 + REARM_BAND))).toBe(true);
          });
        },
      ),
    );
  });
});

describe('evaluateAlert: value_change_pct', () => {
  const rule = ruleOf('value_change_pct', 10);

  it('compares with the previous read the first time, then with the value when it was armed', () => {
    const decisions = run(rule, [{ netWorthUSD: 1000 }, { netWorthUSD: 960 }, { netWorthUSD: 920 }, { netWorthUSD: 895 }]);
    expect(kinds(decisions)).toEqual(['nothing', 'nothing', 'nothing', 'trigger']);
    expect(decisions[0]?.next).toEqual({ armed: true, baselineValueUSD: 1000 });
    expect(decisions[2]?.next).toEqual({ armed: true, baselineValueUSD: 1000 });
    const trigger = decisions[3];
    expect(trigger?.kind === 'trigger' ? trigger.finding : undefined).toEqual({
      type: 'value_change_pct',
      severity: 'warning',
      message: 'Your portfolio fell 10.50% (from $1,000.00 to $895.00), past your 10.00% alert.',
      metadata: { alertId: 'rule-1', threshold: 10, changePct: -10.5, fromUSD: 1000, toUSD: 895 },
    });
  });

  it('uses the previous portfolio as baseline for a rule never evaluated', () => {
    const decision = evaluateAlert(rule, INITIAL_ALERT_STATE, observe({ netWorthUSD: 1200 }, { netWorthUSD: 1000 }));
    expect(decision.kind).toBe('trigger');
    expect(decision.kind === 'trigger' ? decision.finding.severity : undefined).toBe('info');
  });

  it('stays quiet while the value keeps sliding, re-arms once it settles, and fires on the next big move', () => {
    const values = [1000, 880, 800, 720, 715, 712, 640];
    expect(kinds(run(rule, values.map((netWorthUSD) => ({ netWorthUSD }))))).toEqual(['nothing', 'trigger', 'nothing', 'nothing', 'rearm', 'nothing', 'trigger']);
  });

  it('never fires twice without clearing, whatever the values', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 50, noNaN: true }), fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { maxLength: 60 }), (threshold, values) => {
        expect(neverFiresTwiceWithoutClearing(run(ruleOf('value_change_pct', threshold), values.map((netWorthUSD) => ({ netWorthUSD }))))).toBe(true);
      }),
    );
  });
});

describe('evaluateAlert: lp_out_of_range', () => {
  const rule = ruleOf('lp_out_of_range', 0);

  it('fires when any position leaves its range and re-arms only when all are back in range', () => {
    const reads: PortfolioScript[] = [{ inRange: ['1', '2'] }, { inRange: ['1'], outOfRange: ['2'] }, { outOfRange: ['1', '2'] }, { inRange: ['2'], outOfRange: ['1'] }, { inRange: ['1', '2'] }, { outOfRange: ['1'] }];
    const decisions = run(rule, reads);
    expect(kinds(decisions)).toEqual(['nothing', 'trigger', 'nothing', 'nothing', 'rearm', 'trigger']);
    const first = decisions[1];
    expect(first?.kind === 'trigger' ? first.finding.message : undefined).toBe('A liquidity position is out of range and earns no fees: WSEI/USDC #2.');
  });
});
