import type { RegistryToken } from '../../../config/sei-networks';
import { aaveReservePositions, type AavePositionLabels, type AaveReserveRead } from './aave-v3-positions';
import { tokenAddress } from '../../../../tests/support/brands';

const RAY = 10n ** 27n;
/**
 * APYs in percent of a yearly rate compounded every second, ((1 + r / 31 536 000)^31 536 000 − 1) × 100, worked out
 * independently in 60-digit decimal arithmetic (Python's decimal module), to 15 significant digits.
 */
const APY_OF_3_PERCENT = 3.04545339388129;
const APY_OF_5_PERCENT = 5.12710963343546;
const APY_OF_7_PERCENT = 7.25081811708944;
const APY_OF_8_PERCENT = 8.3287067565036;
const asset = tokenAddress('0x00000000000000000000000000000000000000aa');
const usdc: RegistryToken = { address: asset, symbol: 'USDC', name: 'USD Coin', decimals: 6, coingeckoId: 'usd-coin', isStable: true };
const labels = (known?: RegistryToken): AavePositionLabels => ({ source: 'yei', platform: 'Yei Finance', knownToken: () => known });

const read = (user: Partial<AaveReserveRead['user']>, configuration: Partial<AaveReserveRead['configuration']> = {}): AaveReserveRead => ({
  token: { symbol: 'USDC', asset },
  configuration: { decimals: 6, ltv: 8000n, liquidationThreshold: 8500n, usageAsCollateralEnabled: true, ...configuration },
  rates: { liquidityRate: (3n * RAY) / 100n, variableBorrowRate: (5n * RAY) / 100n, stableBorrowRate: (9n * RAY) / 100n },
  user: { currentATokenBalance: 0n, currentStableDebt: 0n, currentVariableDebt: 0n, stableBorrowRate: 0n, usageAsCollateralEnabled: false, ...user },
});

describe('aaveReservePositions', () => {
  it('has no position for a reserve the user never touched', () => {
    expect(aaveReservePositions(labels(usdc), read({}))).toEqual([]);
  });

  it('makes a supply from the aToken balance, with the registry’s symbol, id, stable flag and the threshold as a fraction', () => {
    const [supply] = aaveReservePositions(labels(usdc), read({ currentATokenBalance: 1_234_567n, usageAsCollateralEnabled: true }));
    expect(supply).toEqual({
      id: `yei:supply:${asset}`,
      platform: 'Yei Finance',
      type: 'supply',
      token: asset,
      tokenSymbol: 'USDC',
      amount: '1234567',
      amountFormatted: '1.234567',
      rawAmount: 1_234_567n,
      apy: expect.closeTo(APY_OF_3_PERCENT, 10),
      usageAsCollateral: true,
      liquidationThreshold: 0.85,
      tokenRef: { key: asset, address: asset, symbol: 'USDC', decimals: 6, coingeckoId: 'usd-coin' },
      isStable: true,
    });
  });

  it('does not count a supply as collateral when the reserve’s threshold is zero, whatever the user flag says', () => {
    const [supply] = aaveReservePositions(labels(usdc), read({ currentATokenBalance: 1n, usageAsCollateralEnabled: true }, { liquidationThreshold: 0n, ltv: 0n }));
    expect([supply?.usageAsCollateral, supply?.liquidationThreshold]).toEqual([false, 0]);
  });

  it('takes decimals from the reserve configuration and a sanitised data-provider symbol for a token the registry does not know', () => {
    const unknown: AaveReserveRead = { ...read({ currentATokenBalance: 5n * 10n ** 17n }, { decimals: 18 }), token: { symbol: 'EVIL\u202e\u0007TOKEN', asset } };
    const [supply] = aaveReservePositions(labels(undefined), unknown);
    expect(supply).toMatchObject({ tokenSymbol: 'EVILTOKEN', amountFormatted: '0.5', isStable: false });
    expect(supply?.tokenRef).toEqual({ key: asset, address: asset, symbol: 'EVILTOKEN', decimals: 18, coingeckoId: null });
  });

  it('makes one borrow of variable + stable debt whose APY is the amount-weighted mean of the two rates’ APYs', () => {
    const positions = aaveReservePositions(
      labels(usdc),
      read({ currentVariableDebt: 3_000_000n, currentStableDebt: 1_000_000n, stableBorrowRate: (8n * RAY) / 100n }),
    );
    expect(positions).toHaveLength(1);
    const [borrow] = positions;
    expect(borrow).toMatchObject({ id: `yei:borrow:${asset}`, type: 'borrow', amount: '4000000', amountFormatted: '4', usageAsCollateral: false, liquidationThreshold: 0 });
    // 3/4 of the debt at 5 %, 1/4 at 8 %: 0.75 × 5.12710963343546 + 0.25 × 8.3287067565036 = 5.92750891420250.
    expect(borrow?.apy).toBeCloseTo(0.75 * APY_OF_5_PERCENT + 0.25 * APY_OF_8_PERCENT, 10);
    expect(borrow?.apy).toBeCloseTo(5.9275089142025, 10);
  });

  it('uses the user’s own stable rate, not the reserve’s current one, for stable-only debt', () => {
    const [borrow] = aaveReservePositions(labels(usdc), read({ currentStableDebt: 10n, stableBorrowRate: (7n * RAY) / 100n }));
    expect(borrow?.apy).toBeCloseTo(APY_OF_7_PERCENT, 10);
  });

  it('reports a supply and a borrow of the same asset side by side', () => {
    const positions = aaveReservePositions(labels(usdc), read({ currentATokenBalance: 10n, currentVariableDebt: 4n }));
    expect(positions.map((p) => [p.id, p.amount])).toEqual([
      [`yei:supply:${asset}`, '10'],
      [`yei:borrow:${asset}`, '4'],
    ]);
  });
});
