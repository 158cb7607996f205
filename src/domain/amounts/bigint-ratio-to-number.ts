const MANTISSA_BITS = 64n;

const bitLength = (value: bigint): bigint => BigInt(value.toString(2).length);

/**
 * numerator / denominator as a JS number within one ulp, for ratios of integers far beyond 2^53 (e.g. Q192 prices).
 * Throws RangeError when the denominator is zero.
 */
export const bigintRatioToNumber = (numerator: bigint, denominator: bigint): number => {
  if (denominator === 0n) throw new RangeError('bigintRatioToNumber: division by zero');
  if (numerator === 0n) return 0;
  const negative = numerator < 0n !== denominator < 0n;
  const num = numerator < 0n ? -numerator : numerator;
  const den = denominator < 0n ? -denominator : denominator;
  // Scale so the integer quotient carries at least 64 significant bits, then let Number() round it once.
  const shift = MANTISSA_BITS - (bitLength(num) - bitLength(den));
  const quotient = shift >= 0n ? (num << shift) / den : num / (den << -shift);
  // Two power-of-two factors so neither overflows/underflows on its own when the result is still representable.
  const half = Number(shift) / 2;
  const magnitude = Number(quotient) * 2 ** -Math.floor(half) * 2 ** -Math.ceil(half);
  return negative ? -magnitude : magnitude;
};
