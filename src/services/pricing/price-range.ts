import * as t from 'io-ts';

/** The windows a price history is asked for. */
export const PriceRange = t.keyof({ '1d': null, '7d': null, '30d': null, '90d': null, '1y': null });
export type PriceRange = t.TypeOf<typeof PriceRange>;

/** CoinGecko's `days` for each window. */
export const daysOfRange: Readonly<Record<PriceRange, number>> = { '1d': 1, '7d': 7, '30d': 30, '90d': 90, '1y': 365 };
