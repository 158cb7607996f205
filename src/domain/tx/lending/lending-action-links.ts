import { formatUnits, type Address } from 'viem';
import { WAD } from './aave-percent-wad-math';
import { accountAfterAction } from './account-after-action';
import { accountHealthFactor } from './account-health-factor';
import { repayToReachHealthFactor, withdrawableAboveHealthFactor } from './amount-for-health-factor';
import type { AccountReserve, LendingAccount } from './lending-account';

/** A ready request for one of the prepare routes (API.md "Transactions"): POST `route` with `body`. */
export interface PrepareLink {
  readonly route: string;
  readonly body: Readonly<Record<string, string>>;
}

/** A suggestion the server can back with a prepared transaction. */
export interface LendingActionLink {
  readonly id: 'repay-to-target' | 'withdraw-idle-collateral';
  readonly action: string;
  readonly rationale: string;
  readonly expectedImpact: string;
  readonly prepare: PrepareLink;
}

export interface LinkToken {
  readonly symbol: string;
  readonly decimals: number;
}

/** The repay is sized for the target plus this share, so interest accrued before it lands still leaves the target met. */
const TARGET_MARGIN_BPS = 10n;
/** Idle collateral is what stays above this multiple of the target. */
const COMFORTABLE_MULTIPLE = 2n;

const valueOf = (r: AccountReserve, amount: bigint): bigint => (amount * r.price) / 10n ** BigInt(r.decimals);
const largestBy = (reserves: ReadonlyArray<AccountReserve>, key: (r: AccountReserve) => bigint): AccountReserve | undefined =>
  reserves.reduce<AccountReserve | undefined>((best, r) => (best === undefined || key(r) > key(best) ? r : best), undefined);
const hfText = (hf: bigint | null): string => (hf === null ? 'no debt' : (Number(hf / 10n ** 14n) / 10_000).toFixed(2));

/**
 * The lending actions the rules back with a prepare link, from the account read at one block:
 * - below `targetWad`: repay the largest debt by the smallest amount that lifts the health factor to the target
 *   (plus 0.1% for interest until it lands), or all of it when that is not enough;
 * - above twice the target: withdraw the largest collateral down to twice the target (collateral the debt does not need).
 * Only tokens `tokenOf` knows (the registry's) are linked; amounts are base-unit strings, as the routes take them.
 */
export const lendingActionLinks = (account: LendingAccount, tokenOf: (asset: Address) => LinkToken | undefined, targetWad: bigint): ReadonlyArray<LendingActionLink> => {
  const hf = accountHealthFactor(account);
  const links: LendingActionLink[] = [];
  if (hf === null) return links;
  const known = account.filter((r) => tokenOf(r.asset) !== undefined);
  const debt = largestBy(
    known.filter((r) => r.variableDebt > 0n),
    (r) => valueOf(r, r.variableDebt),
  );
  if (hf < targetWad && debt !== undefined) {
    const token = tokenOf(debt.asset) as LinkToken;
    const { amount, reachesTarget } = repayToReachHealthFactor(account, debt.asset, targetWad + (targetWad * TARGET_MARGIN_BPS) / 10_000n);
    const after = accountHealthFactor(accountAfterAction(account, { kind: 'repay', asset: debt.asset, amount }));
    links.push({
      id: 'repay-to-target',
      action: reachesTarget
        ? `Repay ${formatUnits(amount, token.decimals)} ${token.symbol} on Yei to lift your health factor from ${hfText(hf)} to ${hfText(after)}.`
        : `Repay all your ${token.symbol} debt on Yei (${formatUnits(amount, token.decimals)} ${token.symbol}).`,
      rationale: `Your health factor is ${hfText(hf)}, below the ${hfText(targetWad)} your profile calls for; liquidation starts at 1.00.`,
      expectedImpact: reachesTarget ? `Health factor ${hfText(after)} after the repayment.` : `Health factor ${hfText(after)}: repaying ${token.symbol} alone does not reach ${hfText(targetWad)}; add collateral too.`,
      prepare: { route: '/api/tx/lending/repay', body: { asset: debt.asset, amount: reachesTarget ? amount.toString() : 'max' } },
    });
  }
  const comfortable = targetWad * COMFORTABLE_MULTIPLE;
  const collateral = largestBy(
    known.filter((r) => r.isCollateral && r.liquidationThresholdBps > 0n && r.supplied > 0n),
    (r) => valueOf(r, r.supplied),
  );
  if (hf > comfortable && collateral !== undefined) {
    const token = tokenOf(collateral.asset) as LinkToken;
    const amount = withdrawableAboveHealthFactor(account, collateral.asset, comfortable);
    const after = accountHealthFactor(accountAfterAction(account, { kind: 'withdraw', asset: collateral.asset, amount }));
    if (amount > 0n) {
      links.push({
        id: 'withdraw-idle-collateral',
        action: `Withdraw ${formatUnits(amount, token.decimals)} ${token.symbol} of idle collateral from Yei.`,
        rationale: `Your health factor is ${hfText(hf)}, more than twice the ${hfText(targetWad)} your profile calls for: part of your ${token.symbol} collateral backs no debt.`,
        expectedImpact: `Health factor ${hfText(after)}, still twice the target; the ${token.symbol} is yours to use.`,
        prepare: { route: '/api/tx/lending/withdraw', body: { asset: collateral.asset, amount: amount.toString() } },
      });
    }
  }
  return links;
};

/** A health factor given as a number (the rules' 1.5) in wad. */
export const healthFactorWadOf = (hf: number): bigint => (BigInt(Math.round(hf * 10_000)) * WAD) / 10_000n;
