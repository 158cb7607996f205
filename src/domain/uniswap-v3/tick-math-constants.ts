/** Smallest tick usable in a pool (log base 1.0001 of 2^-128), TickMath.MIN_TICK. */
export const MIN_TICK = -887272;

/** Largest tick usable in a pool, TickMath.MAX_TICK. */
export const MAX_TICK = 887272;

/** getSqrtRatioAtTick(MIN_TICK), TickMath.MIN_SQRT_RATIO. */
export const MIN_SQRT_RATIO = 4295128739n;

/** getSqrtRatioAtTick(MAX_TICK), TickMath.MAX_SQRT_RATIO. */
export const MAX_SQRT_RATIO = 1461446703485210103287273052203988822378723970342n;

/** 2^96, the fixed-point unit of Q64.96 sqrt prices (FixedPoint96.Q96). */
export const Q96 = 1n << 96n;

/** 2^128 − 1, the largest uint128 (position liquidity is a uint128). */
export const MAX_UINT128 = (1n << 128n) - 1n;
