/** The least a swap may pay, or a liquidity call pay or return, and still pass (API.md): floor(amount × (10000 − slippageBps) / 10000). */
export const minAfterSlippage = (amount: bigint, slippageBps: number): bigint => (amount * BigInt(10_000 - slippageBps)) / 10_000n;
