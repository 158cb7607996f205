import { annualisedVolatility, YEAR_SECONDS } from './annualised-volatility';

describe('annualisedVolatility', () => {
  it('is 0 with fewer than two returns or no elapsed time', () => {
    expect(annualisedVolatility([], 3600)).toBe(0);
    expect(annualisedVolatility([0.1], 3600)).toBe(0);
    expect(annualisedVolatility([0.1, -0.1], 0)).toBe(0);
  });

  it('is 0 for constant returns', () => {
    expect(annualisedVolatility([0.01, 0.01, 0.01], 86400)).toBe(0);
  });

  it('scales the sample standard deviation by sqrt(periods per year)', () => {
    // returns ±0.01: mean 0, sample variance (2 · 0.0001) / 1 = 0.0002, sd = 0.0141421…
    expect(annualisedVolatility([0.01, -0.01], 86400)).toBeCloseTo(Math.sqrt(0.0002) * Math.sqrt(365), 12);
    expect(annualisedVolatility([0.01, -0.01], YEAR_SECONDS)).toBeCloseTo(Math.sqrt(0.0002), 15);
  });
});
