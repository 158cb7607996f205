import { getSqrtRatioAtTick } from './get-sqrt-ratio-at-tick';
import { sqrtPriceX96ToPrice } from './sqrt-price-x96-to-price';

/**
 * Human price of token0 in token1 at a tick: 1.0001^tick × 10^(decimals0 − decimals1), evaluated through the
 * pool's own sqrt ratio so it agrees with sqrtPriceX96ToPrice. Throws RangeError outside [MIN_TICK, MAX_TICK].
 */
export const tickToPrice = (tick: number, decimals0: number, decimals1: number): number =>
  sqrtPriceX96ToPrice(getSqrtRatioAtTick(tick), decimals0, decimals1);
