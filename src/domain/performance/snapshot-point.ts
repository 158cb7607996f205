/** One holding inside a portfolio snapshot, in human units. */
export type HoldingPoint = {
  /** Stable identity of the position across snapshots (e.g. "erc20:0xabc…" or "aave:aUSDC"). */
  readonly key: string;
  readonly symbol: string;
  /** Quantity in whole tokens (already divided by 10^decimals). */
  readonly quantity: number;
  /** USD price per whole token, or null when no price was available. */
  readonly priceUSD: number | null;
};

/** A portfolio snapshot as used by the history and performance maths. */
export type SnapshotPoint = {
  readonly timestamp: Date;
  readonly totalValueUSD: number;
  readonly netWorthUSD: number;
  readonly holdings: ReadonlyArray<HoldingPoint>;
};
