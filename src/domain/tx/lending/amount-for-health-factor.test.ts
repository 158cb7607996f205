import fc from 'fast-check';
import { accountAfterAction } from './account-after-action';
import { accountHealthFactor } from './account-health-factor';
import { repayToReachHealthFactor, withdrawableAboveHealthFactor } from './amount-for-health-factor';
import { E18, E6, USDC, usdc, WSEI, wsei } from '../../../../tests/support/tx/lending-reserves';



// 1000 WSEI ($500 × 80% = $400 of borrowing power) against 350 USDC: HF 400/350 = 1.142857…
const borrower = [wsei({ supplied: 1_000n * E18, isCollateral: true }), usdc({ variableDebt: 350n * E6 })];

describe('repayToReachHealthFactor', () => {
  it('to HF 2 a borrower with $400 of borrowing power owing 350 USDC repays 150 USDC (debt 200)', () => {
    expect(repayToReachHealthFactor(borrower, USDC, 2n * E18)).toEqual({ amount: 150n * E6, reachesTarget: true });
  });

  it('to HF 1.5 the debt must fall to 400 / 1.5 = 266.666666 USDC (266.666667 gives wadDiv 1.4999999981): repays 83.333334', () => {
    const { amount } = repayToReachHealthFactor(borrower, USDC, 1_500_000_000_000_000_000n);
    expect(amount).toBe(83_333_334n);
    expect(accountHealthFactor(accountAfterAction(borrower, { kind: 'repay', asset: USDC, amount })) ?? 0n).toBeGreaterThanOrEqual(1_500_000_000_000_000_000n);
    expect(accountHealthFactor(accountAfterAction(borrower, { kind: 'repay', asset: USDC, amount: amount - 1n })) ?? 0n).toBeLessThan(1_500_000_000_000_000_000n);
  });

  it('is 0 when the target already holds, and the whole debt (not reaching) when the debt is in another asset', () => {
    expect(repayToReachHealthFactor(borrower, USDC, E18)).toEqual({ amount: 0n, reachesTarget: true });
    expect(repayToReachHealthFactor(borrower, WSEI, 2n * E18)).toEqual({ amount: 0n, reachesTarget: false });
  });

  it('property: the amount is the smallest that reaches the target', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 399n * E6 }), fc.bigInt({ min: E18, max: 10n * E18 }), (debt, target) => {
        const account = [wsei({ supplied: 1_000n * E18, isCollateral: true }), usdc({ variableDebt: debt })];
        const { amount, reachesTarget } = repayToReachHealthFactor(account, USDC, target);
        expect(reachesTarget).toBe(true);
        const hf = (n: bigint) => accountHealthFactor(accountAfterAction(account, { kind: 'repay', asset: USDC, amount: n }));
        expect(hf(amount) === null || (hf(amount) ?? 0n) >= target).toBe(true);
        expect(amount === 0n || (hf(amount - 1n) ?? 0n) < target).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe('withdrawableAboveHealthFactor', () => {
  it('owing 100 USDC, 1000 WSEI (HF 4) can give up 500 WSEI and keep HF 2 (500 × $0.5 × 80% = 200 = 2 × 100)', () => {
    const account = [wsei({ supplied: 1_000n * E18, isCollateral: true }), usdc({ variableDebt: 100n * E6 })];
    expect(withdrawableAboveHealthFactor(account, WSEI, 2n * E18)).toBe(500n * E18);
    // One wei above HF 2 needs one more base-currency unit of collateral value (1e-8 USD = 2e10 wei of WSEI at $0.5).
    expect(withdrawableAboveHealthFactor(account, WSEI, 2n * E18 + 1n)).toBe(500n * E18 - 2n * 10n ** 10n);
  });

  it('everything without debt or when not collateral; nothing when already below the target', () => {
    expect(withdrawableAboveHealthFactor([wsei({ supplied: 7n * E18, isCollateral: true })], WSEI, 2n * E18)).toBe(7n * E18);
    expect(withdrawableAboveHealthFactor([...borrower, usdc({ asset: '0x00000000000000000000000000000000000000d4', supplied: 9n * E6, isCollateral: false })], '0x00000000000000000000000000000000000000d4', 2n * E18)).toBe(9n * E6);
    expect(withdrawableAboveHealthFactor(borrower, WSEI, 2n * E18)).toBe(0n);
  });
});
