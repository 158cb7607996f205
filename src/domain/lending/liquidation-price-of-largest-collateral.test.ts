import fc from 'fast-check';
import { collateralHolding } from '../../../tests/support/arbitraries';
import { healthFactor } from './health-factor';
import { liquidationPriceOfLargestCollateral, type ValuedLendingPosition } from './liquidation-price-of-largest-collateral';

const supply = (token: string, amount: number, priceUSD: number, liquidationThreshold: number, usageAsCollateral = true): ValuedLendingPosition => ({
  type: 'supply',
  token,
  tokenSymbol: token,
  amountFormatted: String(amount),
  valueUSD: amount * priceUSD,
  usageAsCollateral,
  liquidationThreshold,
});
const borrow = (token: string, valueUSD: number): ValuedLendingPosition => ({
  type: 'borrow',
  token,
  tokenSymbol: token,
  amountFormatted: String(valueUSD),
  valueUSD,
  usageAsCollateral: false,
  liquidationThreshold: 0,
});

describe('liquidationPriceOfLargestCollateral', () => {
  it('solves for the largest collateral’s price at HF = 1 (hand-worked)', () => {
    // ETH $30000 is the largest; (20000 − 5000 × 1 × 0.78) / (10 × 0.825) = 16100 / 8.25
    const positions = [supply('USDC', 5000, 1, 0.78), supply('ETH', 10, 3000, 0.825), borrow('USDT', 20000)];
    expect(liquidationPriceOfLargestCollateral(positions, 20000)).toEqual({ asset: 'ETH', symbol: 'ETH', priceUSD: expect.closeTo(1951.515151515, 6) });
  });

  it('ignores supplies that are not collateral, borrows, and positions without a price', () => {
    const positions = [
      supply('BIG', 1_000_000, 1, 0.8, false),
      { ...supply('UNPRICED', 1_000_000, 1, 0.8), valueUSD: null },
      supply('SEI', 1000, 0.5, 0.7),
      borrow('USDC', 100),
    ];
    // (100 − 0) / (1000 × 0.7)
    expect(liquidationPriceOfLargestCollateral(positions, 100)).toEqual({ asset: 'SEI', symbol: 'SEI', priceUSD: expect.closeTo(100 / 700, 12) });
  });

  it('is null without debt, without collateral, or when the other collateral alone covers the debt', () => {
    expect(liquidationPriceOfLargestCollateral([supply('ETH', 1, 3000, 0.8)], 0)).toBeNull();
    expect(liquidationPriceOfLargestCollateral([supply('ETH', 1, 3000, 0.8, false)], 100)).toBeNull();
    expect(liquidationPriceOfLargestCollateral([supply('ETH', 1, 3000, 0.8), supply('USDC', 2000, 1, 0.9)], 1000)).toBeNull();
  });

  it('lands back on HF = 1 when the price is plugged back in', () => {
    fc.assert(
      fc.property(fc.array(collateralHolding, { minLength: 1, maxLength: 4 }), fc.double({ min: 1, max: 1e9, noNaN: true }), (raw, debt) => {
        const positions = raw.map((p, i) => supply(`T${i}`, p.amount, p.priceUSD, p.liquidationThreshold));
        const result = liquidationPriceOfLargestCollateral(positions, debt);
        fc.pre(result !== null);
        const collateral = raw.map((p, i) => ({
          key: `T${i}`,
          amount: p.amount,
          priceUSD: `T${i}` === result?.asset ? (result?.priceUSD ?? 0) : p.priceUSD,
          liquidationThreshold: p.liquidationThreshold,
        }));
        expect(healthFactor({ collateral, totalDebtUSD: debt }) as number).toBeCloseTo(1, 6);
        const largest = Math.max(...positions.map((p) => p.valueUSD ?? 0));
        expect(positions.find((p) => p.token === result?.asset)?.valueUSD).toBe(largest);
      }),
    );
  });
});
