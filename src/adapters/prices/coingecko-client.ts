import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { ChartPoint, ChartTarget, CoinGeckoApi, CoinGeckoError, CoinQuote } from '../../services/pricing/coingecko-api';
import { chunkListParameter } from './chunk-list-parameter';
import { makeCoinGeckoGet, type CoinGeckoHttpDeps } from './coingecko-get';
import { MarketChartResponse, SimplePriceResponse } from './coingecko-codecs';

export interface CoinGeckoClientOptions {
  /** Longest URL sent; a longer list is split into several requests. 8000 by default. */
  readonly maxUrlLength?: number;
  /**
   * Most contract addresses per `/simple/token_price` request. CoinGecko documents 515 for keyed plans;
   * keyless calls were refused above 10, so 10 applies when no key is configured.
   */
  readonly maxAddressesPerRequest?: number;
}

const DEFAULT_MAX_URL_LENGTH = 8000;
const KEYED_MAX_ADDRESSES = 500;
const KEYLESS_MAX_ADDRESSES = 10;
const QUOTE_FIELDS = 'vs_currencies=usd&include_24hr_change=true&include_last_updated_at=true';

const unique = (items: ReadonlyArray<string>): ReadonlyArray<string> => [...new Set(items.map((item) => item.trim().toLowerCase()))].filter((item) => item !== '');

const toQuotes = (body: SimplePriceResponse): ReadonlyMap<string, CoinQuote> => {
  const quotes = new Map<string, CoinQuote>();
  for (const [key, entry] of Object.entries(body)) {
    if (typeof entry.usd !== 'number' || entry.usd < 0) continue;
    quotes.set(key.toLowerCase(), { usd: entry.usd, change24h: entry.usd_24h_change ?? null, lastUpdatedAt: entry.last_updated_at ?? null });
  }
  return quotes;
};

const mergeQuotes = (maps: ReadonlyArray<ReadonlyMap<string, CoinQuote>>): ReadonlyMap<string, CoinQuote> => new Map(maps.flatMap((map) => [...map]));

const toChartPoints = (body: MarketChartResponse): ReadonlyArray<ChartPoint> =>
  body.prices.flatMap(([timestampMs, usd]) => (usd === null ? [] : [{ timestampMs, usd }]));

/**
 * The CoinGecko API v3 client: USD prices with 24h change and last update, in as few requests as the
 * URL allows (one per endpoint for a read), and USD market charts. Responses are decoded with io-ts;
 * every failure is a `CoinGeckoError` value.
 */
export const makeCoinGeckoClient = (deps: CoinGeckoHttpDeps, options: CoinGeckoClientOptions = {}): CoinGeckoApi => {
  const get = makeCoinGeckoGet(deps);
  const baseUrl = deps.config.baseUrl.replace(/\/+$/, '');
  const maxUrlLength = options.maxUrlLength ?? DEFAULT_MAX_URL_LENGTH;
  const maxAddresses = options.maxAddressesPerRequest ?? (deps.config.apiKey === undefined ? KEYLESS_MAX_ADDRESSES : KEYED_MAX_ADDRESSES);

  const priceList = (path: string, parameter: string, items: ReadonlyArray<string>, maxItems: number): TE.TaskEither<CoinGeckoError, ReadonlyMap<string, CoinQuote>> => {
    const list = unique(items);
    if (list.length === 0) return TE.right(new Map());
    const baseLength = `${baseUrl}${path}?${parameter}=&${QUOTE_FIELDS}`.length;
    return pipe(
      chunkListParameter(list, { baseLength, maxUrlLength, maxItems }),
      TE.traverseArray((chunk) => get(path, `${parameter}=${chunk.map(encodeURIComponent).join(',')}&${QUOTE_FIELDS}`, SimplePriceResponse)),
      TE.map((bodies) => mergeQuotes(bodies.map(toQuotes))),
    );
  };

  const chartPath = (target: ChartTarget): string =>
    target.kind === 'coin'
      ? `/coins/${encodeURIComponent(target.id.toLowerCase())}/market_chart`
      : `/coins/${encodeURIComponent(target.platform)}/contract/${encodeURIComponent(target.address.toLowerCase())}/market_chart`;

  return {
    tokenPrices: (platform, addresses) => priceList(`/simple/token_price/${encodeURIComponent(platform)}`, 'contract_addresses', addresses, maxAddresses),
    coinPrices: (ids) => priceList('/simple/price', 'ids', ids, Number.MAX_SAFE_INTEGER),
    marketChart: (target, days) => pipe(get(chartPath(target), `vs_currency=usd&days=${days}`, MarketChartResponse), TE.map(toChartPoints)),
  };
};
