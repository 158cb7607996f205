import fc from 'fast-check';
import { priceUSD } from '../../../tests/support/arbitraries';
import { computePerformance } from './compute-performance';
import type { SnapshotPoint } from './snapshot-point';

const DAY = 24 * 60 * 60 * 1000;
const day = (n: number): Date => new Date(Date.UTC(2025, 0, 1) + n * DAY);

const tkn = (n: number, quantity: number, priceUSD: number | null): SnapshotPoint => ({
  timestamp: day(n),
  totalValueUSD: priceUSD === null ? 0 : quantity * priceUSD,
  netWorthUSD: priceUSD === null ? 0 : quantity * priceUSD,
  holdings: [{ key: 'erc20:TKN', symbol: 'TKN', quantity, priceUSD }],
});

describe('computePerformance', () => {
  /*
   * Hand-worked example, one snapshot a day:
   *   t0  mint 100 TKN @ $1                       V0 = 100
   *   t1  price → $2                              V1 = 200   PnL = 100·(2 − 1)   = +100   r1 = 100/100 = +1.00
   *   t2  deposit 100 TKN @ $2                    V2 = 400   PnL = 100·(2 − 2)   =    0   r2 =   0/200 =  0
   *   t3  price → $1.5                            V3 = 300   PnL = 200·(1.5 − 2) = −100   r3 = −100/400 = −0.25
   *   t4  withdraw 50 TKN @ $1.5                  V4 = 225   PnL = 200·(1.5−1.5) =    0   r4 =  0
   * TWR = (1 + 1)(1 + 0)(1 − 0.25)(1 + 0) − 1 = 2 · 0.75 − 1 = 0.50
   * market PnL = 100 + 0 − 100 + 0 = $0.00
   * net flows = (225 − 100) − 0 = $125.00 (= +$200.00 deposited − $75.00 withdrawn)
   * TWR index 1 → 2 → 2 → 1.5 → 1.5: max drawdown = (2 − 1.5)/2 = 0.25
   * returns [1, 0, −0.25, 0]: mean 0.1875, sample variance 0.921875/3 = 0.30729166…, sd 0.55433894…,
   * daily intervals → × sqrt(365) = 10.5906307 annualised volatility.
   */
  const example: ReadonlyArray<SnapshotPoint> = [tkn(0, 100, 1), tkn(1, 100, 2), tkn(2, 200, 2), tkn(3, 200, 1.5), tkn(4, 150, 1.5)];

  it('computes the hand-worked mint / price up / deposit / price down / withdraw example to the cent', () => {
    const p = computePerformance(example);
    expect(p.startValueUSD).toBe(100);
    expect(p.endValueUSD).toBe(225);
    expect(p.timeWeightedReturn).toBe(0.5);
    expect(p.marketPnlUSD).toBe(0);
    expect(p.netFlowsUSD).toBe(125);
    expect(p.maxDrawdown).toBe(0.25);
    expect(p.volatility).toBeCloseTo(10.5906307, 6);
    expect(p.byAsset).toEqual([{ key: 'erc20:TKN', symbol: 'TKN', pnlUSD: 0, contribution: 0 }]);
  });

  it('reports each interval with its own PnL, flows, return and running TWR', () => {
    const p = computePerformance(example);
    expect(p.intervals.map((i) => [i.marketPnlUSD, i.netFlowsUSD, i.marketReturn, i.cumulativeReturn])).toEqual([
      [100, 0, 1, 1],
      [0, 200, 0, 1],
      [-100, 0, -0.25, 0.5],
      [0, -75, 0, 0.5],
    ]);
    expect(p.intervals[0]?.from).toEqual(day(0));
    expect(p.intervals[3]?.to).toEqual(day(4));
  });

  it('accepts the snapshots in any order', () => {
    expect(computePerformance([...example].reverse())).toEqual(computePerformance(example));
  });

  it('returns all zeros without snapshots, and the one value with no change for a single snapshot', () => {
    const zeros = {
      startValueUSD: 0,
      endValueUSD: 0,
      netFlowsUSD: 0,
      marketPnlUSD: 0,
      timeWeightedReturn: 0,
      maxDrawdown: 0,
      volatility: 0,
      byAsset: [],
      intervals: [],
    };
    expect(computePerformance([])).toEqual(zeros);
    expect(computePerformance([tkn(0, 100, 1)])).toEqual({ ...zeros, startValueUSD: 100, endValueUSD: 100 });
  });

  it('gives unpriced holdings no price effect and counts their value change as flows', () => {
    const points: SnapshotPoint[] = [
      {
        timestamp: day(0),
        totalValueUSD: 100,
        netWorthUSD: 100,
        holdings: [
          { key: 'A', symbol: 'A', quantity: 100, priceUSD: 1 },
          { key: 'X', symbol: 'X', quantity: 5, priceUSD: null },
        ],
      },
      {
        timestamp: day(1),
        totalValueUSD: 160,
        netWorthUSD: 160,
        holdings: [
          { key: 'A', symbol: 'A', quantity: 100, priceUSD: 1.1 },
          { key: 'X', symbol: 'X', quantity: 5, priceUSD: 10 },
        ],
      },
    ];
    const p = computePerformance(points);
    expect(p.marketPnlUSD).toBeCloseTo(10, 10);
    expect(p.netFlowsUSD).toBeCloseTo(50, 10);
    expect(p.timeWeightedReturn).toBeCloseTo(0.1, 12);
    expect(p.byAsset).toEqual([{ key: 'A', symbol: 'A', pnlUSD: expect.closeTo(10, 10), contribution: expect.closeTo(0.1, 12) }]);
  });

  it('skips intervals that start at value 0 instead of dividing by zero', () => {
    const p = computePerformance([tkn(0, 0, 1), tkn(1, 100, 1), tkn(2, 100, 1.2)]);
    expect(p.intervals[0]?.marketReturn).toBeNull();
    expect(p.timeWeightedReturn).toBeCloseTo(0.2, 12);
    expect(p.startValueUSD).toBe(0);
    expect(p.byAsset[0]?.contribution).toBe(0);
    expect(p.netFlowsUSD).toBeCloseTo(100, 10);
  });

  it('attributes PnL per asset and sorts by size', () => {
    const points: SnapshotPoint[] = [0, 1].map((n) => ({
      timestamp: day(n),
      totalValueUSD: n === 0 ? 300 : 280,
      netWorthUSD: n === 0 ? 300 : 280,
      holdings: [
        { key: 'A', symbol: 'AAA', quantity: 100, priceUSD: n === 0 ? 1 : 1.1 },
        { key: 'B', symbol: 'BBB', quantity: 100, priceUSD: n === 0 ? 2 : 1.7 },
      ],
    }));
    const p = computePerformance(points);
    expect(p.byAsset.map((a) => [a.symbol, Math.round(a.pnlUSD * 100) / 100, Math.round(a.contribution * 1e4) / 1e4])).toEqual([
      ['BBB', -30, -0.1],
      ['AAA', 10, 0.0333],
    ]);
    expect(p.marketPnlUSD).toBeCloseTo(-20, 10);
    expect(p.netFlowsUSD).toBeCloseTo(0, 10);
  });

  it('without flows, the TWR equals the simple return and net flows are zero', () => {
    const price = priceUSD(1000);
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), fc.array(price, { minLength: 2, maxLength: 30 }), (quantity, prices) => {
        const p = computePerformance(prices.map((priceUSD, n) => tkn(n, quantity, priceUSD)));
        const simple = (prices[prices.length - 1] as number) / (prices[0] as number) - 1;
        expect(Math.abs(p.timeWeightedReturn - simple)).toBeLessThan(1e-9 * Math.max(1, Math.abs(simple)));
        expect(Math.abs(p.netFlowsUSD)).toBeLessThan(1e-6 * Math.max(1, p.startValueUSD, p.endValueUSD));
      }),
    );
  });

  it('TWR is unaffected by deposits and withdrawals made at unchanged prices', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.1, max: 100, noNaN: true }), fc.double({ min: 1, max: 1e4, noNaN: true })), {
          minLength: 2,
          maxLength: 20,
        }),
        (steps) => {
          // Each step: price moves with the old quantity, then a flow changes the quantity at the new price.
          const points: SnapshotPoint[] = [];
          let n = 0;
          let quantity = steps[0]?.[1] as number;
          for (const [price, nextQuantity] of steps) {
            points.push(tkn(n++, quantity, price));
            quantity = nextQuantity;
            points.push(tkn(n++, quantity, price));
          }
          const first = steps[0]?.[0] as number;
          const last = steps[steps.length - 1]?.[0] as number;
          const p = computePerformance(points);
          expect(p.timeWeightedReturn).toBeCloseTo(last / first - 1, 6);
          expect(p.endValueUSD - p.startValueUSD).toBeCloseTo(p.marketPnlUSD + p.netFlowsUSD, 6);
        },
      ),
    );
  });

  it('max drawdown is a fraction in [0, 1] and volatility is non-negative', () => {
    fc.assert(
      fc.property(fc.array(priceUSD(1000), { minLength: 2, maxLength: 30 }), (prices) => {
        const p = computePerformance(prices.map((priceUSD, n) => tkn(n, 10, priceUSD)));
        expect(p.maxDrawdown).toBeGreaterThanOrEqual(0);
        expect(p.maxDrawdown).toBeLessThanOrEqual(1);
        expect(p.volatility).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
