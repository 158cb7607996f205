import type { Price } from '../pricing/price-feed';
import { movedPrices } from './moved-prices';

const price = (usd: number, change24h: number | null = 1.5): Price => ({ usd, change24h, updatedAt: '2025-01-01T00:00:00.000Z', source: 'coingecko', stale: false });

describe('movedPrices', () => {
  it('keeps only prices whose USD value moved or that were not known, without source or stale flags', () => {
    const last = new Map([
      ['native', 0.25],
      ['0xA', 1],
    ]);
    const current = new Map([
      ['native', price(0.26, -2)],
      ['0xA', price(1, 9)],
      ['0xB', price(3, null)],
    ]);
    expect(movedPrices(last, current)).toEqual({
      native: { usd: 0.26, change24h: -2, updatedAt: '2025-01-01T00:00:00.000Z' },
      '0xB': { usd: 3, change24h: null, updatedAt: '2025-01-01T00:00:00.000Z' },
    });
  });

  it('is empty when nothing moved', () => {
    expect(movedPrices(new Map([['native', 0.25]]), new Map([['native', price(0.25)]]))).toEqual({});
  });
});
