import { accountAfterAction, repaidAmount } from './account-after-action';
import { accountHealthFactor } from './account-health-factor';
import type { AccountReserve } from './lending-account';
import { E18, E6, emptyReserve, USDC, usdc, WSEI, wsei } from '../../../../tests/support/tx/lending-reserves';

const ISO = '0x00000000000000000000000000000000000000c3';

const iso = (r: Partial<AccountReserve> = {}): AccountReserve => ({ ...emptyReserve, asset: ISO, decimals: 18, price: 100_000_000n, liquidationThresholdBps: 7_000n, debtCeiling: 1_000_000n, ...r });

const flagOf = (account: ReadonlyArray<AccountReserve>, asset: string) => account.find((r) => r.asset === asset)?.isCollateral;

describe('accountAfterAction', () => {
  it('a first supply turns the collateral flag on when nothing else is collateral', () => {
    const after = accountAfterAction([wsei(), usdc()], { kind: 'supply', asset: WSEI, amount: 10n * E18 });
    expect(after[0]).toEqual(wsei({ supplied: 10n * E18, isCollateral: true }));
  });

  it('a first supply of a zero-LTV or an isolated asset stays off collateral; next to an isolated collateral nothing else turns on', () => {
    expect(flagOf(accountAfterAction([wsei({ ltvBps: 0n })], { kind: 'supply', asset: WSEI, amount: E18 }), WSEI)).toBe(false);
    expect(flagOf(accountAfterAction([iso()], { kind: 'supply', asset: ISO, amount: E18 }), ISO)).toBe(false);
    expect(flagOf(accountAfterAction([iso({ supplied: E18, isCollateral: true }), usdc()], { kind: 'supply', asset: USDC, amount: E6 }), USDC)).toBe(false);
    expect(flagOf(accountAfterAction([wsei({ supplied: E18, isCollateral: true }), usdc()], { kind: 'supply', asset: USDC, amount: E6 }), USDC)).toBe(true);
  });

  it('a later supply keeps the flag the user chose', () => {
    const after = accountAfterAction([wsei({ supplied: E18, isCollateral: false })], { kind: 'supply', asset: WSEI, amount: E18 });
    expect(after[0]).toEqual(wsei({ supplied: 2n * E18, isCollateral: false }));
  });

  it('borrowing 100 USDC against 1000 WSEI ($500 × 80%) gives HF 4; repaying 50 gives 8', () => {
    const account = [wsei({ supplied: 1_000n * E18, isCollateral: true }), usdc()];
    const borrowed = accountAfterAction(account, { kind: 'borrow', asset: USDC, amount: 100n * E6 });
    expect(accountHealthFactor(borrowed)).toBe(4n * E18);
    const repaid = accountAfterAction(borrowed, { kind: 'repay', asset: USDC, amount: 50n * E6 });
    expect(accountHealthFactor(repaid)).toBe(8n * E18);
  });

  it('a repayment above the debt repays the debt only', () => {
    const account = [wsei({ supplied: E18, isCollateral: true }), usdc({ variableDebt: 7n })];
    expect(repaidAmount(account, USDC, 100n)).toBe(7n);
    expect(accountAfterAction(account, { kind: 'repay', asset: USDC, amount: 100n })[1]?.variableDebt).toBe(0n);
    expect(accountHealthFactor(accountAfterAction(account, { kind: 'repay', asset: USDC, amount: 100n }))).toBeNull();
  });

  it('withdrawing 500 of 1000 WSEI under 100 USDC of debt halves HF 4 to 2; withdrawing everything clears the flag', () => {
    const account = [wsei({ supplied: 1_000n * E18, isCollateral: true }), usdc({ variableDebt: 100n * E6 })];
    expect(accountHealthFactor(accountAfterAction(account, { kind: 'withdraw', asset: WSEI, amount: 500n * E18 }))).toBe(2n * E18);
    const emptied = accountAfterAction(account, { kind: 'withdraw', asset: WSEI, amount: 1_000n * E18 });
    expect(emptied[0]).toEqual(wsei({ supplied: 0n, isCollateral: false }));
    expect(accountHealthFactor(emptied)).toBe(0n);
  });
});
