import fc from 'fast-check';
import { sqrtPriceX96ToPrice } from './sqrt-price-x96-to-price';
import { tickToPrice } from './tick-to-price';
import { Q96 } from './tick-math-constants';
import { tick, tickBelowMax } from '../../../tests/support/arbitraries';

describe('sqrtPriceX96ToPrice', () => {
  it('is 1 at 2^96 for equal decimals and shifts by the decimal difference', () => {
    expect(sqrtPriceX96ToPrice(Q96, 18, 18)).toBe(1);
    expect(sqrtPriceX96ToPrice(Q96, 18, 6)).toBe(1e12);
    expect(sqrtPriceX96ToPrice(Q96, 6, 18)).toBe(1e-12);
    expect(sqrtPriceX96ToPrice(2n * Q96, 18, 18)).toBe(4);
  });

  it('reads a USDC(6)/WETH(18) pool where 1 USDC = 1/3000 WETH', () => {
    // raw token1/token0 = (1/3000) · 10^(18 − 6); sqrtPriceX96 = sqrt(raw) · 2^96
    const sqrtPriceX96 = BigInt(Math.round(Math.sqrt(1e12 / 3000) * 2 ** 48)) * 2n ** 48n;
    const price = sqrtPriceX96ToPrice(sqrtPriceX96, 6, 18);
    expect(Math.abs(price * 3000 - 1)).toBeLessThan(1e-9);
  });
});

describe('tickToPrice', () => {
  it('is 1 at tick 0 and 1.0001 one tick up', () => {
    expect(tickToPrice(0, 18, 18)).toBe(1);
    expect(tickToPrice(1, 18, 18)).toBeCloseTo(1.0001, 14);
    expect(tickToPrice(-1, 18, 18)).toBeCloseTo(1 / 1.0001, 14);
  });

  it('is about 2 at tick 6932 (ln 2 / ln 1.0001 ≈ 6931.8)', () => {
    expect(tickToPrice(6932, 18, 18)).toBeCloseTo(2.0000363, 6);
  });

  it('applies the decimals shift: tick −276325 is about 1 USDC(6) per ETH-decimals(18) wei ratio 1e-12', () => {
    // 1.0001^−276324 ≈ 1e−12, so with decimals0 = 18, decimals1 = 6 the human price is ≈ 1.
    expect(tickToPrice(-276324, 18, 6)).toBeCloseTo(1, 3);
  });

  it('is 1.0001^tick to within 1e−8 relative across the whole tick range', () => {
    fc.assert(
      fc.property(tick, (t) => {
        const expected = Math.exp(t * Math.log(1.0001));
        expect(Math.abs(tickToPrice(t, 18, 18) - expected) / expected).toBeLessThan(1e-8);
      }),
    );
  });

  it('is strictly increasing in the tick', () => {
    fc.assert(
      fc.property(tickBelowMax, (t) => {
        expect(tickToPrice(t, 18, 18)).toBeLessThan(tickToPrice(t + 1, 18, 18));
      }),
    );
  });
});
