import { approvalAmount, mergeAllowanceNeeds } from './approval-amount';

const need = (amount: bigint, accrualRateRay?: bigint) => ({
  token: '0x0000000000000000000000000000000000000001' as const,
  spender: '0x0000000000000000000000000000000000000002' as const,
  amount,
  ...(accrualRateRay === undefined ? {} : { accrualRateRay }),
});

describe('approvalAmount', () => {
  it('is the exact amount unless the approval must cover accrual', () => {
    expect(approvalAmount(need(1_000_000n, 10n ** 26n), false, 60)).toBe(1_000_000n);
  });

  it('covering accrual: amount × (1 + rate × seconds / year) + 0.1% + 1 (hand-worked: 1,000 USDC at 10% APR for a year → 1,101 USDC + 1)', () => {
    expect(approvalAmount(need(1_000_000_000n, 10n ** 26n), true, 31_536_000)).toBe(1_000_000_000n + 100_000_000n + 1_000_000n + 1n);
    // 60 s at 10%: 1e9 × 0.1 × 60 / 31,536,000 = 190.26 → 190.
    expect(approvalAmount(need(1_000_000_000n, 10n ** 26n), true, 60)).toBe(1_000_000_000n + 190n + 1_000_000n + 1n);
    expect(approvalAmount(need(1_000_000_000n), true, 60)).toBe(1_000_000_000n + 1_000_000n + 1n);
  });
});

describe('mergeAllowanceNeeds', () => {
  it('sums the needs of one token and spender (any letter case), keeps the others apart, and keeps the larger accrual rate', () => {
    const other = { ...need(5n), spender: '0x0000000000000000000000000000000000000003' as const };
    expect(mergeAllowanceNeeds([need(1n, 10n), { ...need(2n, 30n), token: '0x0000000000000000000000000000000000000001' }, other, need(4n)])).toEqual([need(7n, 30n), other]);
  });
});
