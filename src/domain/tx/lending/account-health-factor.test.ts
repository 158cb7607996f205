import { percentMul, wadDiv } from './aave-percent-wad-math';
import { accountHealthFactor, accountTotals } from './account-health-factor';
import type { AccountReserve } from './lending-account';

const WSEI = '0x00000000000000000000000000000000000000a1';
const USDC = '0x00000000000000000000000000000000000000b2';
const E18 = 10n ** 18n;
const E6 = 10n ** 6n;

const reserve = (r: Partial<AccountReserve> & Pick<AccountReserve, 'asset' | 'decimals' | 'price' | 'liquidationThresholdBps'>): AccountReserve => ({
  ltvBps: 7_500n,
  debtCeiling: 0n,
  supplied: 0n,
  variableDebt: 0n,
  stableDebt: 0n,
  isCollateral: false,
  variableBorrowRateRay: 0n,
  ...r,
});

const wsei = (r: Partial<AccountReserve> = {}) => reserve({ asset: WSEI, decimals: 18, price: 50_000_000n, liquidationThresholdBps: 8_000n, ...r });
const usdc = (r: Partial<AccountReserve> = {}) => reserve({ asset: USDC, decimals: 6, price: 100_000_000n, liquidationThresholdBps: 8_500n, ...r });

describe('Aave fixed-point helpers', () => {
  it('percentMul rounds half up, as PercentageMath does', () => {
    expect(percentMul(1n, 5_000n)).toBe(1n);
    expect(percentMul(1n, 4_999n)).toBe(0n);
    expect(percentMul(70_000_000_000n, 8_142n)).toBe(56_994_000_000n);
  });

  it('wadDiv rounds half up, as WadRayMath does', () => {
    expect(wadDiv(1n, 3n)).toBe(333_333_333_333_333_333n);
    expect(wadDiv(2n, 3n)).toBe(666_666_666_666_666_667n);
    expect(wadDiv(56_994_000_000n, 30_000_000_000n)).toBe(1_899_800_000_000_000_000n);
  });
});

describe('accountTotals (GenericLogic.calculateUserAccountData by hand)', () => {
  it('1000 WSEI at $0.50 (LT 80%) and 200 USDC (LT 85%) against 300 USDC of debt: HF 1.8998', () => {
    // Collateral: 1000 × 0.5e8 = 5e10 and 200 × 1e8 = 2e10 → 7e10 ($700).
    // Threshold: (5e10 × 8000 + 2e10 × 8500) / 7e10 = 8142.857… → 8142 bps (rounded down).
    // HF: percentMul(7e10, 8142) = 5.6994e10; wadDiv(5.6994e10, 3e10) = 1.8998e18.
    const totals = accountTotals([
      wsei({ supplied: 1_000n * E18, isCollateral: true }),
      usdc({ supplied: 200n * E6, variableDebt: 300n * E6, isCollateral: true }),
    ]);
    expect(totals).toEqual({ totalCollateralBase: 70_000_000_000n, totalDebtBase: 30_000_000_000n, liquidationThresholdBps: 8_142n, healthFactor: 1_899_800_000_000_000_000n });
  });

  it('values each balance rounded down to the base unit: 1 wei of WSEI is worth nothing', () => {
    expect(accountTotals([wsei({ supplied: 1n, isCollateral: true }), usdc({ variableDebt: 1n })]).totalCollateralBase).toBe(0n);
    // 1 USDC base unit = 1e-6 × 1e8 = 100 base currency units; 0.3e-8 USD of WSEI rounds to 0.
    expect(accountTotals([usdc({ variableDebt: 1n }), wsei({ variableDebt: 5n * 10n ** 9n })]).totalDebtBase).toBe(100n);
  });

  it('counts a supply as collateral only when the flag is set and the liquidation threshold is not zero', () => {
    const account = [wsei({ supplied: 1_000n * E18, isCollateral: false }), usdc({ supplied: 100n * E6, isCollateral: true, liquidationThresholdBps: 0n }), usdc({ asset: '0x00000000000000000000000000000000000000d4', supplied: 50n * E6, isCollateral: true, variableDebt: 10n * E6 })];
    // Only the third: 50 USDC × 85% / 10 USDC = 4.25.
    expect(accountTotals(account)).toEqual({ totalCollateralBase: 5_000_000_000n, totalDebtBase: 1_000_000_000n, liquidationThresholdBps: 8_500n, healthFactor: 4_250_000_000_000_000_000n });
  });

  it('adds stable and variable debt', () => {
    // 100 USDC collateral × 85% / (20 + 30) USDC = 1.7.
    expect(accountHealthFactor([usdc({ supplied: 100n * E6, isCollateral: true, variableDebt: 20n * E6, stableDebt: 30n * E6 })])).toBe(1_700_000_000_000_000_000n);
  });

  it('is null without debt, and zero with debt but no collateral', () => {
    expect(accountHealthFactor([wsei({ supplied: E18, isCollateral: true })])).toBeNull();
    expect(accountHealthFactor([])).toBeNull();
    expect(accountHealthFactor([usdc({ variableDebt: E6 })])).toBe(0n);
  });
});
