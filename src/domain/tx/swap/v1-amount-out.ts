/**
 * What a Uniswap V2 pair (DragonSwap V1) pays for exactly `amountIn`: UniswapV2Library.getAmountOut with its 0.3% fee,
 * the same integer maths SwapRouter02's V2 leg runs. 0 when either reserve is empty.
 */
export const v1AmountOut = (amountIn: bigint, reserveIn: bigint, reserveOut: bigint): bigint => {
  if (amountIn <= 0n || reserveIn <= 0n || reserveOut <= 0n) return 0n;
  const amountInWithFee = amountIn * 997n;
  return (amountInWithFee * reserveOut) / (reserveIn * 1000n + amountInWithFee);
};
