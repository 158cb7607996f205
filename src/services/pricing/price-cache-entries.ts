import * as t from 'io-ts';
import type { Price } from './price-feed';

/** A price as stored in the cache (always fresh when stored). */
export const CachedPrice: t.Type<Price, unknown, unknown> = t.intersection([
  t.type({
    usd: t.number,
    change24h: t.union([t.number, t.null]),
    updatedAt: t.string,
    source: t.keyof({ coingecko: null, dex: null }),
    stale: t.boolean,
  }),
  t.partial({ ageSeconds: t.number }),
]);

/** A fresh answer: the price, or that CoinGecko does not know the token (so it is not asked again within the TTL). */
export const FreshEntry = t.union([t.type({ price: CachedPrice }), t.type({ unpriced: t.literal(true) })]);
export type FreshEntry = t.TypeOf<typeof FreshEntry>;

/** The long-lived copy served, marked stale, while the upstream fails. `fetchedAt` is ms epoch. */
export const LastKnownEntry = t.type({ price: CachedPrice, fetchedAt: t.number });
export type LastKnownEntry = t.TypeOf<typeof LastKnownEntry>;
