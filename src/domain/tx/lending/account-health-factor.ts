import type { HealthFactorWad } from '../action-plan';
import { percentMul, wadDiv } from './aave-percent-wad-math';
import type { LendingAccount } from './lending-account';

/** What Aave's GenericLogic.calculateUserAccountData derives from an account's reserves (base currency, bps, wad). */
export interface AccountTotals {
  readonly totalCollateralBase: bigint;
  readonly totalDebtBase: bigint;
  readonly liquidationThresholdBps: bigint;
  readonly healthFactor: HealthFactorWad;
}

const unitOf = (decimals: number): bigint => 10n ** BigInt(decimals);

/**
 * The account's totals exactly as Aave v3.0 computes them (outside e-mode): each collateral (flag set and liquidation
 * threshold non-zero) valued `balance × price / 10^decimals` rounded down, each debt the same, the liquidation
 * threshold the value-weighted average rounded down, and the health factor `percentMul(collateral, threshold)
 * wadDiv debt`; null without debt (the pool answers uint256 max).
 */
export const accountTotals = (account: LendingAccount): AccountTotals => {
  let totalCollateralBase = 0n;
  let weightedThreshold = 0n;
  let totalDebtBase = 0n;
  for (const r of account) {
    if (r.isCollateral && r.liquidationThresholdBps !== 0n) {
      const value = (r.supplied * r.price) / unitOf(r.decimals);
      totalCollateralBase += value;
      weightedThreshold += value * r.liquidationThresholdBps;
    }
    totalDebtBase += ((r.variableDebt + r.stableDebt) * r.price) / unitOf(r.decimals);
  }
  const liquidationThresholdBps = totalCollateralBase === 0n ? 0n : weightedThreshold / totalCollateralBase;
  const healthFactor = totalDebtBase === 0n ? null : wadDiv(percentMul(totalCollateralBase, liquidationThresholdBps), totalDebtBase);
  return { totalCollateralBase, totalDebtBase, liquidationThresholdBps, healthFactor };
};

/** The account's health factor in wad as the pool reports it, or null without debt. */
export const accountHealthFactor = (account: LendingAccount): HealthFactorWad => accountTotals(account).healthFactor;
