import fc from 'fast-check';
import { valueUSD } from '../../../tests/support/arbitraries';
import { concentration, volatileConcentration } from './concentration';

describe('concentration', () => {
  it('is 1 for a single asset, whatever its value', () => {
    fc.assert(
      fc.property(valueUSD(1e-6, 1e12), fc.boolean(), (value, isStable) => {
        expect(concentration([{ symbol: 'ETH', valueUSD: value, isStable }])).toEqual({ hhi: 1, topAsset: 'ETH', topWeight: 1 });
      }),
    );
  });

  it('is 1/n for n equal assets and merges holdings of the same symbol', () => {
    const result = concentration([
      { symbol: 'A', valueUSD: 50, isStable: false },
      { symbol: 'B', valueUSD: 100, isStable: false },
      { symbol: 'A', valueUSD: 50, isStable: false },
      { symbol: 'C', valueUSD: 100, isStable: false },
      { symbol: 'D', valueUSD: 100, isStable: false },
    ]);
    expect(result.hhi).toBeCloseTo(0.25, 15);
    expect(result.topAsset).toBe('A');
    expect(result.topWeight).toBeCloseTo(0.25, 15);
  });

  it('ignores zero and negative values and is empty without holdings', () => {
    expect(concentration([])).toEqual({ hhi: 0, topAsset: null, topWeight: 0 });
    expect(
      concentration([
        { symbol: 'A', valueUSD: 0, isStable: false },
        { symbol: 'B', valueUSD: -5, isStable: false },
      ]),
    ).toEqual({ hhi: 0, topAsset: null, topWeight: 0 });
  });

  it('lies between 1/n and 1, with topWeight² ≤ HHI ≤ topWeight', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ symbol: fc.string({ minLength: 1, maxLength: 3 }), valueUSD: valueUSD(0.01, 1e9), isStable: fc.boolean() }), {
          minLength: 1,
          maxLength: 20,
        }),
        (holdings) => {
          const { hhi, topWeight } = concentration(holdings);
          const n = new Set(holdings.map((h) => h.symbol)).size;
          expect(hhi).toBeGreaterThanOrEqual(1 / n - 1e-12);
          expect(hhi).toBeLessThanOrEqual(1 + 1e-12);
          expect(topWeight * topWeight).toBeLessThanOrEqual(hhi + 1e-12);
          expect(hhi).toBeLessThanOrEqual(topWeight + 1e-12);
        },
      ),
    );
  });
});

describe('volatileConcentration', () => {
  it('counts only volatile assets, weighted against the whole portfolio', () => {
    expect(
      volatileConcentration([
        { symbol: 'ETH', valueUSD: 50, isStable: false },
        { symbol: 'USDC', valueUSD: 50, isStable: true },
      ]),
    ).toBeCloseTo(0.25, 15);
    expect(volatileConcentration([{ symbol: 'USDC', valueUSD: 50, isStable: true }])).toBe(0);
  });
});
