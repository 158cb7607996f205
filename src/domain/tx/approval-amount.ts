import type { AllowanceNeed } from './action-plan';

const SECONDS_PER_YEAR = 31_536_000n;
const RAY = 10n ** 27n;
/** 0.1% on top, for rounding and rate moves between the read and the landing. */
const MARGIN_DIVISOR = 1000n;

/**
 * The allowance to approve for `need`. Exact, unless the approval must cover interest accruing until the plan expires
 * (repay "max"): then `amount × (1 + rate × seconds / year) + 0.1% + 1`, with `rate` the need's variable borrow rate
 * (ray APR; the planner reads it at the block) — linear interest bounds Aave's compounded growth from above over seconds.
 */
export const approvalAmount = (need: AllowanceNeed, coversAccrual: boolean, seconds: number): bigint => {
  if (!coversAccrual) return need.amount;
  const rate = need.accrualRateRay ?? 0n;
  const accrued = (need.amount * rate * BigInt(Math.ceil(seconds))) / (RAY * SECONDS_PER_YEAR);
  return need.amount + accrued + need.amount / MARGIN_DIVISOR + 1n;
};

/** One need per (token, spender): a plan needing the same allowance twice needs the sum (the larger rate bounds the accrual). */
export const mergeAllowanceNeeds = (needs: ReadonlyArray<AllowanceNeed>): ReadonlyArray<AllowanceNeed> => {
  const merged = new Map<string, AllowanceNeed>();
  for (const need of needs) {
    const key = `${need.token.toLowerCase()}:${need.spender.toLowerCase()}`;
    const seen = merged.get(key);
    if (seen === undefined) {
      merged.set(key, need);
      continue;
    }
    const rate = [seen.accrualRateRay, need.accrualRateRay].reduce<bigint | undefined>((a, b) => (b === undefined ? a : a === undefined || b > a ? b : a), undefined);
    merged.set(key, { token: seen.token, spender: seen.spender, amount: seen.amount + need.amount, ...(rate === undefined ? {} : { accrualRateRay: rate }) });
  }
  return [...merged.values()];
};
