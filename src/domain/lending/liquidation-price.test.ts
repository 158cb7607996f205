import fc from 'fast-check';
import { collateralHolding } from '../../../tests/support/arbitraries';
import type { CollateralPosition } from './collateral-position';
import { healthFactor } from './health-factor';
import { liquidationPrice } from './liquidation-price';

const eth: CollateralPosition = { key: 'ETH', amount: 10, priceUSD: 3000, liquidationThreshold: 0.825 };
const usdc: CollateralPosition = { key: 'USDC', amount: 5000, priceUSD: 1, liquidationThreshold: 0.78 };

describe('healthFactor', () => {
  it('is Σ collateral × price × LT / debt', () => {
    // (10·3000·0.825 + 5000·1·0.78) / 20000 = (24750 + 3900) / 20000 = 1.4325
    expect(healthFactor({ collateral: [eth, usdc], totalDebtUSD: 20000 })).toBeCloseTo(1.4325, 12);
  });

  it('is null without debt', () => {
    expect(healthFactor({ collateral: [eth], totalDebtUSD: 0 })).toBeNull();
  });
});

describe('liquidationPrice', () => {
  it('solves for the ETH price that brings the health factor to 1 (hand-worked)', () => {
    // (20000 − 3900) / (10 · 0.825) = 16100 / 8.25 = 1951.5151…
    const price = liquidationPrice({ collateral: [eth, usdc], totalDebtUSD: 20000, assetKey: 'ETH' });
    expect(price).toBeCloseTo(1951.515151515, 6);
  });

  it('gives HF = 1 when the liquidation price is plugged back in', () => {
    const price = liquidationPrice({ collateral: [eth, usdc], totalDebtUSD: 20000, assetKey: 'ETH' }) as number;
    const hf = healthFactor({ collateral: [{ ...eth, priceUSD: price }, usdc], totalDebtUSD: 20000 });
    expect(hf).toBeCloseTo(1, 12);
  });

  it('is null without debt, for an unknown asset, or when other collateral alone covers the debt', () => {
    expect(liquidationPrice({ collateral: [eth, usdc], totalDebtUSD: 0, assetKey: 'ETH' })).toBeNull();
    expect(liquidationPrice({ collateral: [eth, usdc], totalDebtUSD: 20000, assetKey: 'BTC' })).toBeNull();
    expect(liquidationPrice({ collateral: [eth, usdc], totalDebtUSD: 3000, assetKey: 'ETH' })).toBeNull();
    expect(
      liquidationPrice({ collateral: [{ ...eth, liquidationThreshold: 0 }], totalDebtUSD: 100, assetKey: 'ETH' }),
    ).toBeNull();
  });

  const position = (key: string) => collateralHolding.map((holding) => ({ key, ...holding }));

  it('always lands back on HF = 1 for any reachable configuration', () => {
    fc.assert(
      fc.property(
        position('A'),
        fc.array(position('B'), { maxLength: 3 }),
        fc.double({ min: 1, max: 1e9, noNaN: true }),
        (asset, others, debt) => {
          const collateral = [asset, ...others];
          const price = liquidationPrice({ collateral, totalDebtUSD: debt, assetKey: 'A' });
          fc.pre(price !== null);
          const repriced = [{ ...asset, priceUSD: price }, ...others];
          expect(healthFactor({ collateral: repriced, totalDebtUSD: debt }) as number).toBeCloseTo(1, 6);
        },
      ),
    );
  });

  it('rises with more debt', () => {
    fc.assert(
      fc.property(position('A'), fc.double({ min: 1, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (asset, debt, extra) => {
        const before = liquidationPrice({ collateral: [asset], totalDebtUSD: debt, assetKey: 'A' }) as number;
        const after = liquidationPrice({ collateral: [asset], totalDebtUSD: debt + extra, assetKey: 'A' }) as number;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
    );
  });
});
