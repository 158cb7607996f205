import { stablecoinShare, volatileExposureFactor } from './stablecoin-share';

describe('stablecoinShare', () => {
  it('is the stablecoin fraction of positive holdings value', () => {
    expect(
      stablecoinShare([
        { symbol: 'USDC', valueUSD: 300, isStable: true },
        { symbol: 'ETH', valueUSD: 700, isStable: false },
        { symbol: 'DUST', valueUSD: -1, isStable: true },
      ]),
    ).toBeCloseTo(0.3, 15);
    expect(stablecoinShare([])).toBe(0);
  });

  it('suggests stablecoins when they are under half the holdings', () => {
    const f = volatileExposureFactor([
      { symbol: 'USDC', valueUSD: 120, isStable: true },
      { symbol: 'ETH', valueUSD: 880, isStable: false },
    ]);
    expect(f.value).toBeCloseTo(0.88, 15);
    expect(f.explanation).toBe(
      'Only 12.0% of your $1,000.00 holdings is in stablecoins: moving some into stablecoins would cushion price swings.',
    );
  });
});
