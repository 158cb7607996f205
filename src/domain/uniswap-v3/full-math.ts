/** 2^256 − 1, the largest uint256. */
export const MAX_UINT256 = (1n << 256n) - 1n;

const assertUint256 = (name: string, value: bigint): void => {
  if (value < 0n || value > MAX_UINT256) throw new RangeError(`FullMath: ${name} is not a uint256: ${value}`);
};

/**
 * floor(a × b / denominator) with a full-precision product, as Uniswap's FullMath.mulDiv.
 * Throws RangeError where the contract reverts: denominator 0, result ≥ 2^256, or inputs outside uint256.
 */
export const mulDiv = (a: bigint, b: bigint, denominator: bigint): bigint => {
  assertUint256('a', a);
  assertUint256('b', b);
  assertUint256('denominator', denominator);
  if (denominator === 0n) throw new RangeError('FullMath: denominator is zero');
  const result = (a * b) / denominator;
  if (result > MAX_UINT256) throw new RangeError('FullMath: result overflows uint256');
  return result;
};

/** ceil(a × b / denominator), as FullMath.mulDivRoundingUp; throws RangeError where the contract reverts. */
export const mulDivRoundingUp = (a: bigint, b: bigint, denominator: bigint): bigint => {
  const result = mulDiv(a, b, denominator);
  if ((a * b) % denominator === 0n) return result;
  if (result >= MAX_UINT256) throw new RangeError('FullMath: rounded result overflows uint256');
  return result + 1n;
};
