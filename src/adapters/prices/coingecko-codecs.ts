import * as t from 'io-ts';

/** A finite number (JSON has no NaN, but a proxy or a bug could send a string). */
const FiniteNumber = t.refinement(t.number, Number.isFinite, 'finite number');

/**
 * One entry of `/simple/price` or `/simple/token_price`. Every field is optional because CoinGecko
 * answers `{}` for a coin it lists but cannot price, and `usd_24h_change: null` for thin markets.
 */
export const SimplePriceEntry = t.partial({
  usd: t.union([FiniteNumber, t.null]),
  usd_24h_change: t.union([FiniteNumber, t.null]),
  last_updated_at: t.union([FiniteNumber, t.null]),
});

/** `{ "<id or lower-case address>": { usd, usd_24h_change, last_updated_at } }`. */
export const SimplePriceResponse = t.record(t.string, SimplePriceEntry, 'SimplePriceResponse');
export type SimplePriceResponse = t.TypeOf<typeof SimplePriceResponse>;

/** `[msTimestamp, price]`; CoinGecko occasionally sends a null price for a gap. */
const ChartPair = t.tuple([FiniteNumber, t.union([FiniteNumber, t.null])]);

/** `/coins/{id}/market_chart` and the contract variant; only the prices are used. */
export const MarketChartResponse = t.type({ prices: t.array(ChartPair) }, 'MarketChartResponse');
export type MarketChartResponse = t.TypeOf<typeof MarketChartResponse>;
