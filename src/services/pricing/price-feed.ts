import type * as T from 'fp-ts/Task';
import type { TokenRef } from '../../domain/tokens/token-ref';

export type PriceSource = 'coingecko' | 'dex';

export interface Price {
  readonly usd: number;
  /** Percent, 5.5 means +5.5% over 24h; null when the source does not say. */
  readonly change24h: number | null;
  /** ISO-8601: when the source last updated this price. */
  readonly updatedAt: string;
  readonly source: PriceSource;
  /** True when the feed failed and an older copy is served. */
  readonly stale: boolean;
  /** Seconds since this copy was fetched, when stale. */
  readonly ageSeconds?: number;
}

/** Prices keyed by TokenRef.key; a token absent from the map could not be priced by anyone. */
export type PriceMap = ReadonlyMap<string, Price>;

/**
 * The pricing port the portfolio service depends on. It never fails: an upstream failure degrades
 * to stale copies (flagged) or to absent prices, so a read can always be valued honestly.
 */
export interface PriceFeed {
  readonly getPrices: (tokens: ReadonlyArray<TokenRef>) => T.Task<PriceMap>;
}
