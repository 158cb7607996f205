/** One registry token's price and 24h move, as the market insights use it. */
export interface MarketMove {
  readonly symbol: string;
  readonly usd: number | null;
  /** Percent (5.5 means +5.5%), null when the feed does not say. */
  readonly change24h: number | null;
  readonly isStable: boolean;
  readonly stale: boolean;
}

export type MarketFocus = 'defi' | 'lending' | 'dex' | 'general';
export type MarketTimeframe = '1d' | '7d' | '30d';
