import type { AccountReserve } from '../../../src/domain/tx/lending/lending-account';

// The Aave account maths' test reserves: WSEI at $0.50 (LT 80%) and USDC at $1 (LT 85%), prices in 8-decimal base
// currency, LTV 75%, nothing supplied or borrowed until a test says so.

export const WSEI = '0x00000000000000000000000000000000000000a1';
export const USDC = '0x00000000000000000000000000000000000000b2';
export const E18 = 10n ** 18n;
export const E6 = 10n ** 6n;

/** An empty reserve position: the fields every test reserve starts from. */
export const emptyReserve = { ltvBps: 7_500n, debtCeiling: 0n, supplied: 0n, variableDebt: 0n, stableDebt: 0n, isCollateral: false, variableBorrowRateRay: 0n };

export const wsei = (r: Partial<AccountReserve> = {}): AccountReserve => ({ ...emptyReserve, asset: WSEI, decimals: 18, price: 50_000_000n, liquidationThresholdBps: 8_000n, ...r });
export const usdc = (r: Partial<AccountReserve> = {}): AccountReserve => ({ ...emptyReserve, asset: USDC, decimals: 6, price: 100_000_000n, liquidationThresholdBps: 8_500n, ...r });
