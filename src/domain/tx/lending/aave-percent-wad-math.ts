/** Aave v3's fixed-point helpers (PercentageMath, WadRayMath), rounding half up exactly as the contracts do. */

export const WAD = 10n ** 18n;
const PERCENTAGE_FACTOR = 10_000n;
const HALF_PERCENTAGE_FACTOR = 5_000n;

/** PercentageMath.percentMul: value × bps / 10 000, rounded half up. */
export const percentMul = (value: bigint, bps: bigint): bigint => (value * bps + HALF_PERCENTAGE_FACTOR) / PERCENTAGE_FACTOR;

/** WadRayMath.wadDiv: a / b in wad, rounded half up (b must not be zero). */
export const wadDiv = (a: bigint, b: bigint): bigint => (a * WAD + b / 2n) / b;
