/** The least a call may pay or return and still pass: floor(amount × (10000 − slippageBps) / 10000). */
export const minAfterSlippage = (amount: bigint, slippageBps: number): bigint => (amount * BigInt(10_000 - slippageBps)) / 10_000n;
