import type { Price, PriceFeed } from './price-feed';

/** A fresh price beats a stale one; between two prices of the same freshness the primary's wins. */
const preferred = (primary: Price | undefined, fallback: Price | undefined): Price | undefined => {
  if (fallback === undefined) return primary;
  if (primary === undefined) return fallback;
  return primary.stale && !fallback.stale ? fallback : primary;
};

/**
 * Chains two feeds: the fallback (e.g. on-chain DEX prices) is asked only for the tokens the primary
 * left unpriced or could only serve stale, which is every token when the primary failed entirely.
 * Chain more by nesting: `withFallback(coingecko, withFallback(dex, other))`.
 */
export const withFallback = (primary: PriceFeed, fallback: PriceFeed): PriceFeed => ({
  getPrices: (tokens) => async () => {
    const first = await primary.getPrices(tokens)();
    const needed = tokens.filter((token) => first.get(token.key)?.stale !== false);
    if (needed.length === 0) return first;
    const second = await fallback.getPrices(needed)();
    const merged = new Map(first);
    for (const token of needed) {
      const price = preferred(first.get(token.key), second.get(token.key));
      if (price !== undefined) merged.set(token.key, price);
    }
    return merged;
  },
});
