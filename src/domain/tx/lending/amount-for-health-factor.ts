import type { Address } from 'viem';
import { accountAfterAction } from './account-after-action';
import { accountHealthFactor } from './account-health-factor';
import type { LendingAccount } from './lending-account';

/** No debt is the safest a health factor gets. */
const isAtLeast = (hf: bigint | null, target: bigint): boolean => hf === null || hf >= target;

/** The smallest n in [lo, hi] with `holds(n)`, given `holds` is monotone (false … false true … true) and `holds(hi)`. */
const smallestHolding = (lo: bigint, hi: bigint, holds: (n: bigint) => boolean): bigint => {
  let [a, b] = [lo, hi];
  while (a < b) {
    const mid = (a + b) / 2n;
    if (holds(mid)) b = mid;
    else a = mid + 1n;
  }
  return a;
};

const reserveOf = (account: LendingAccount, asset: Address) => account.find((r) => r.asset.toLowerCase() === asset.toLowerCase());

/**
 * The smallest repayment of `asset`'s variable debt after which the pool's health factor (Aave's own rounding) is at
 * least `targetWad`: 0 when it already is; the whole debt, `reachesTarget: false`, when even that is not enough.
 */
export const repayToReachHealthFactor = (account: LendingAccount, asset: Address, targetWad: bigint): { readonly amount: bigint; readonly reachesTarget: boolean } => {
  const debt = reserveOf(account, asset)?.variableDebt ?? 0n;
  const hfAfterRepaying = (amount: bigint) => accountHealthFactor(accountAfterAction(account, { kind: 'repay', asset, amount }));
  if (!isAtLeast(hfAfterRepaying(debt), targetWad)) return { amount: debt, reachesTarget: false };
  return { amount: smallestHolding(0n, debt, (n) => isAtLeast(hfAfterRepaying(n), targetWad)), reachesTarget: true };
};

/**
 * The most of `asset` the account can withdraw and keep a health factor of at least `targetWad` (all of it without
 * debt, or when it is not counted as collateral); 0 when the account is already below the target.
 */
export const withdrawableAboveHealthFactor = (account: LendingAccount, asset: Address, targetWad: bigint): bigint => {
  const reserve = reserveOf(account, asset);
  const supplied = reserve?.supplied ?? 0n;
  // A supply the health factor does not count can always go.
  if (reserve !== undefined && (!reserve.isCollateral || reserve.liquidationThresholdBps === 0n)) return supplied;
  const keepsTarget = (amount: bigint) => isAtLeast(accountHealthFactor(accountAfterAction(account, { kind: 'withdraw', asset, amount })), targetWad);
  if (keepsTarget(supplied)) return supplied;
  if (!keepsTarget(0n)) return 0n;
  // The largest amount that keeps the target is one below the smallest that breaks it.
  return smallestHolding(0n, supplied, (n) => !keepsTarget(n)) - 1n;
};
