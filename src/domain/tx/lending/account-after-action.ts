import type { Address } from 'viem';
import type { AccountReserve, LendingAccount } from './lending-account';

/** A lending action with its amount resolved ("max" already turned into the amount that will move). */
export interface ResolvedLendingAction {
  readonly kind: 'supply' | 'withdraw' | 'borrow' | 'repay';
  readonly asset: Address;
  readonly amount: bigint;
}

const isSameAsset = (a: Address, b: Address): boolean => a.toLowerCase() === b.toLowerCase();

/**
 * Whether a first supply of `reserve` turns its collateral flag on, as SupplyLogic does with
 * ValidationLogic.validateAutomaticUseAsCollateral: never for an isolated asset (the wallet holds no supplier role)
 * or a zero-LTV one; otherwise when no collateral is in use yet, or when the account is not in isolation mode.
 */
const isCollateralOnFirstSupply = (account: LendingAccount, reserve: AccountReserve): boolean => {
  if (reserve.debtCeiling !== 0n || reserve.ltvBps === 0n) return false;
  const collaterals = account.filter((r) => r.isCollateral);
  if (collaterals.length === 0) return true;
  const isIsolated = collaterals.length === 1 && collaterals[0]?.debtCeiling !== 0n;
  return !isIsolated;
};

/** A variable-debt repayment: Aave takes at most the debt (the rest stays in the wallet). */
const repaid = (r: AccountReserve, amount: bigint): bigint => (amount < r.variableDebt ? amount : r.variableDebt);

const applyTo = (account: LendingAccount, r: AccountReserve, action: ResolvedLendingAction): AccountReserve => {
  switch (action.kind) {
    case 'supply':
      return { ...r, supplied: r.supplied + action.amount, isCollateral: r.supplied === 0n ? isCollateralOnFirstSupply(account, r) : r.isCollateral };
    case 'withdraw': {
      const supplied = r.supplied - action.amount;
      // Withdrawing everything clears the flag (SupplyLogic.executeWithdraw).
      return { ...r, supplied, isCollateral: supplied === 0n ? false : r.isCollateral };
    }
    case 'borrow':
      return { ...r, variableDebt: r.variableDebt + action.amount };
    case 'repay':
      return { ...r, variableDebt: r.variableDebt - repaid(r, action.amount) };
  }
};

/**
 * The account after the action lands at the same prices and indexes, following Aave v3.0's Supply/Borrow logic for
 * the collateral flag. A withdrawal larger than the balance is clamped at zero (it would revert; the simulation says so).
 */
export const accountAfterAction = (account: LendingAccount, action: ResolvedLendingAction): LendingAccount =>
  account.map((r) => {
    if (!isSameAsset(r.asset, action.asset)) return r;
    const after = applyTo(account, r, action);
    return after.supplied < 0n ? { ...after, supplied: 0n, isCollateral: false } : after;
  });

/** How much a variable-debt repayment of `amount` actually repays in `asset` (at most the debt). */
export const repaidAmount = (account: LendingAccount, asset: Address, amount: bigint): bigint => {
  const r = account.find((x) => isSameAsset(x.asset, asset));
  return r === undefined ? 0n : repaid(r, amount);
};
