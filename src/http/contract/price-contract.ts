import * as t from 'io-ts';
import { describeCodec } from '../../domain/codecs/describe-codec';
import { PriceRange } from '../../services/pricing/price-range';
import { NullableNumber, type RouteContract } from './route-contract';

export const PriceCodec = t.intersection([
  t.type({ usd: t.number, change24h: NullableNumber, updatedAt: t.string, source: t.keyof({ coingecko: null, dex: null }), stale: t.boolean }),
  t.partial({ ageSeconds: t.number }),
]);

export const PricesCodec = t.type({ prices: t.record(t.string, PriceCodec), unpriced: t.readonlyArray(t.string) });

export const PriceHistoryCodec = t.intersection([
  t.type({ token: t.string, range: PriceRange, points: t.readonlyArray(t.type({ timestamp: t.string, usd: t.number })), cachedAt: t.string, stale: t.boolean }),
  t.partial({ ageSeconds: t.number }),
]);

/** `a,b` or a repeated parameter `?x=a&x=b`. */
export const ListParameter = describeCodec(t.union([t.string, t.array(t.string)]), {
  type: 'string',
  description: 'comma-separated (or the parameter repeated)',
});
export const PricesQuery = t.partial({ tokens: ListParameter, ids: ListParameter });
export const PriceHistoryQuery = t.partial({ range: PriceRange });

export const priceContract: ReadonlyArray<RouteContract> = [
  { method: 'get', path: '/api/prices', tag: 'Prices', summary: 'USD prices by token address and CoinGecko id (at most 50)', query: PricesQuery, answers: { 200: { description: 'the prices, and the keys nobody could price', data: PricesCodec } }, errors: [400, 429] },
  {
    method: 'get',
    path: '/api/prices/{token}/history',
    tag: 'Prices',
    summary: 'Market chart of a token',
    params: { token: 'CoinGecko id, token address, or native' },
    query: PriceHistoryQuery,
    answers: { 200: { description: 'the chart', data: PriceHistoryCodec } },
    errors: [400, 404, 429, 502, 503],
  },
];
