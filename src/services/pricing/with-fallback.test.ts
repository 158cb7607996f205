import type { TokenRef } from '../../domain/tokens/token-ref';
import type { Price, PriceFeed } from './price-feed';
import { withFallback } from './with-fallback';

const token = (key: string): TokenRef => ({ key, address: null, symbol: key, decimals: 18, coingeckoId: key });
const price = (usd: number, source: Price['source'], stale = false): Price => ({
  usd,
  change24h: null,
  updatedAt: '2024-01-15T12:00:00.000Z',
  source,
  stale,
  ...(stale ? { ageSeconds: 600 } : {}),
});

/** A feed answering from a fixed table and recording which keys it was asked for. */
const stubFeed = (table: Record<string, Price>) => {
  const asked: string[][] = [];
  const feed: PriceFeed = {
    getPrices: (tokens) => async () => {
      asked.push(tokens.map((t) => t.key));
      return new Map(tokens.flatMap((t) => (table[t.key] === undefined ? [] : [[t.key, table[t.key] as Price] as const])));
    },
  };
  return { feed, asked };
};

describe('withFallback', () => {
  it('does not ask the fallback when the primary priced every token fresh', async () => {
    const primary = stubFeed({ a: price(1, 'coingecko'), b: price(2, 'coingecko') });
    const fallback = stubFeed({ a: price(9, 'dex') });
    const prices = await withFallback(primary.feed, fallback.feed).getPrices([token('a'), token('b')])();
    expect([...prices]).toEqual([
      ['a', price(1, 'coingecko')],
      ['b', price(2, 'coingecko')],
    ]);
    expect(fallback.asked).toEqual([]);
  });

  it('asks the fallback only for the tokens the primary left unpriced or stale', async () => {
    const primary = stubFeed({ a: price(1, 'coingecko'), b: price(2, 'coingecko', true) });
    const fallback = stubFeed({ b: price(2.5, 'dex'), c: price(3, 'dex') });
    const prices = await withFallback(primary.feed, fallback.feed).getPrices([token('a'), token('b'), token('c'), token('d')])();
    expect(fallback.asked).toEqual([['b', 'c', 'd']]);
    expect(Object.fromEntries(prices)).toEqual({ a: price(1, 'coingecko'), b: price(2.5, 'dex'), c: price(3, 'dex') });
  });

  it('keeps the primary stale price when the fallback has nothing fresh', async () => {
    const primary = stubFeed({ a: price(1, 'coingecko', true), b: price(2, 'coingecko', true) });
    const fallback = stubFeed({ b: price(7, 'dex', true) });
    const prices = await withFallback(primary.feed, fallback.feed).getPrices([token('a'), token('b')])();
    expect(Object.fromEntries(prices)).toEqual({ a: price(1, 'coingecko', true), b: price(2, 'coingecko', true) });
  });

  it('asks the fallback for every token when the primary failed entirely, and chains by nesting', async () => {
    const primary = stubFeed({});
    const dex = stubFeed({ a: price(1.1, 'dex') });
    const last = stubFeed({ b: price(2.2, 'dex') });
    const prices = await withFallback(primary.feed, withFallback(dex.feed, last.feed)).getPrices([token('a'), token('b')])();
    expect(dex.asked).toEqual([['a', 'b']]);
    expect(last.asked).toEqual([['b']]);
    expect(Object.fromEntries(prices)).toEqual({ a: price(1.1, 'dex'), b: price(2.2, 'dex') });
  });
});
