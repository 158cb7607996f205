import { formatUnits } from 'viem';

/**
 * Exact decimal string of a raw token amount (no trailing zeros, no exponent), e.g. (1500n * 10n ** 18n, 18) → "1500".
 * viem's formatUnits is already exact string arithmetic, so this only names the intent; throws RangeError-like viem
 * errors when `decimals` is not a non-negative integer.
 */
export const formatUnitsExact = (amount: bigint, decimals: number): string => formatUnits(amount, decimals);
