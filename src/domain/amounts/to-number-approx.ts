import { formatUnitsExact } from './format-units-exact';

/**
 * A raw token amount as a human JS number (amount / 10^decimals), correctly rounded to the nearest double.
 * Going through the exact decimal string keeps full double precision (~15–17 significant digits) for any size of
 * balance, where `Number(amount) / 10 ** decimals` would round twice. For valuation only; never for amounts sent
 * back on chain.
 */
export const toNumberApprox = (amount: bigint, decimals: number): number => Number(formatUnitsExact(amount, decimals));
