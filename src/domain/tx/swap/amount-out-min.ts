/** The least a swap may pay before it reverts (API.md): floor(amountOut × (10000 − slippageBps) / 10000). */
export const amountOutMinFor = (amountOut: bigint, slippageBps: number): bigint => (amountOut * BigInt(10_000 - slippageBps)) / 10_000n;
