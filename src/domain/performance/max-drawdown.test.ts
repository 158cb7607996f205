import { maxDrawdown } from './max-drawdown';

describe('maxDrawdown', () => {
  it('is 0 when the index never falls', () => {
    expect(maxDrawdown([])).toBe(0);
    expect(maxDrawdown([0.1, 0, 0.2])).toBe(0);
  });

  it('measures the deepest fall from the running peak, not from the start', () => {
    // index 1 → 2 → 1 → 1.5 → 0.75: worst is 2 → 0.75 = 62.5%
    expect(maxDrawdown([1, -0.5, 0.5, -0.5])).toBe(0.625);
  });

  it('counts a fall from the starting value', () => {
    expect(maxDrawdown([-0.2, 0.1])).toBeCloseTo(0.2, 15);
  });

  it('is 1 when everything is lost', () => {
    expect(maxDrawdown([0.5, -1])).toBe(1);
  });
});
