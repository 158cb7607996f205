import { getAmount0Delta } from './get-amount0-delta';
import { getAmount1Delta } from './get-amount1-delta';
import { getSqrtRatioAtTick } from './get-sqrt-ratio-at-tick';

/** Raw token amounts of a position (smallest units). */
export type PositionAmounts = { readonly amount0: bigint; readonly amount1: bigint };

/**
 * Token amounts held by `liquidity` in [tickLower, tickUpper) at the pool price sqrtPriceX96.
 * With roundUp = false (the default) this is exactly what Pool.burn — hence
 * NonfungiblePositionManager.decreaseLiquidity of the full liquidity — returns: the pool passes a negative
 * liquidityDelta and the signed SqrtPriceMath helpers then round the unsigned amounts DOWN. roundUp = true gives
 * what Pool.mint charges for adding the same liquidity. Uncollected fees (tokensOwed) are not included.
 *
 * The pool picks the branch from slot0.tick; comparing sqrt prices instead gives identical amounts, including the
 * one case where they disagree (a swap that stops exactly on a tick while moving down leaves tick = T − 1 and
 * sqrtPrice = √P(T): both branches then yield the same single-sided amount).
 * Throws RangeError when tickLower ≥ tickUpper or a tick/liquidity is out of range.
 */
export const getAmountsForLiquidity = (
  sqrtPriceX96: bigint,
  tickLower: number,
  tickUpper: number,
  liquidity: bigint,
  roundUp = false,
): PositionAmounts => {
  if (!(tickLower < tickUpper)) {
    throw new RangeError(`getAmountsForLiquidity: tickLower ${tickLower} must be below tickUpper ${tickUpper}`);
  }
  const sqrtLower = getSqrtRatioAtTick(tickLower);
  const sqrtUpper = getSqrtRatioAtTick(tickUpper);
  if (sqrtPriceX96 <= sqrtLower) {
    return { amount0: getAmount0Delta(sqrtLower, sqrtUpper, liquidity, roundUp), amount1: 0n };
  }
  if (sqrtPriceX96 < sqrtUpper) {
    return {
      amount0: getAmount0Delta(sqrtPriceX96, sqrtUpper, liquidity, roundUp),
      amount1: getAmount1Delta(sqrtLower, sqrtPriceX96, liquidity, roundUp),
    };
  }
  return { amount0: 0n, amount1: getAmount1Delta(sqrtLower, sqrtUpper, liquidity, roundUp) };
};
