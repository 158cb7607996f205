import { assertUint } from './assert-uint';
import { mulDiv, mulDivRoundingUp } from './full-math';
import { Q96 } from './tick-math-constants';

/**
 * Token1 owed for `liquidity` between two sqrt prices: liquidity × (√B − √A), bit-for-bit
 * SqrtPriceMath.getAmount1Delta (order of the prices does not matter). Throws RangeError when an input does not
 * fit its Solidity type (uint160 prices, uint128 liquidity).
 */
export const getAmount1Delta = (
  sqrtRatioAX96: bigint,
  sqrtRatioBX96: bigint,
  liquidity: bigint,
  roundUp: boolean,
): bigint => {
  assertUint('sqrtRatioAX96', sqrtRatioAX96, 160n);
  assertUint('sqrtRatioBX96', sqrtRatioBX96, 160n);
  assertUint('liquidity', liquidity, 128n);
  const [lower, upper] = sqrtRatioAX96 > sqrtRatioBX96 ? [sqrtRatioBX96, sqrtRatioAX96] : [sqrtRatioAX96, sqrtRatioBX96];
  return roundUp ? mulDivRoundingUp(liquidity, upper - lower, Q96) : mulDiv(liquidity, upper - lower, Q96);
};
