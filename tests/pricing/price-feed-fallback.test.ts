import type { TokenRef } from '../../src/domain/tokens/token-ref';
import type { Price, PriceFeed } from '../../src/services/pricing/price-feed';
import { startFakeCoinGecko, type FakeCoinGecko } from '../support/fakes';
import { addressOf, buildPricing, contractToken, NATIVE, PLATFORM } from './pricing-harness';

const NOW = Date.UTC(2024, 0, 15, 12, 0, 0);
const NOW_S = NOW / 1000;

const dexPrice = (usd: number): Price => ({ usd, change24h: null, updatedAt: new Date(NOW).toISOString(), source: 'dex', stale: false });

/** A DEX feed stub that prices from a table and records what it was asked. */
const stubDex = (table: Record<string, number>) => {
  const asked: string[][] = [];
  const feed: PriceFeed = {
    getPrices: (tokens: ReadonlyArray<TokenRef>) => async () => {
      asked.push(tokens.map((t) => t.key));
      return new Map(tokens.flatMap((t) => (table[t.key] === undefined ? [] : [[t.key, dexPrice(table[t.key] as number)] as const])));
    },
  };
  return { feed, asked };
};

describe('CoinGecko feed with a DEX fallback behind it', () => {
  let gecko: FakeCoinGecko;

  beforeAll(async () => {
    gecko = await startFakeCoinGecko({
      now: () => NOW,
      prices: [
        { id: 'sei-network', usd: 0.4213, change24h: -3.25, lastUpdatedAt: NOW_S - 20 },
        { platform: PLATFORM, address: addressOf(1), usd: 1.0001, change24h: 0.01, lastUpdatedAt: NOW_S - 10 },
      ],
    });
  });
  beforeEach(() => gecko.reset());
  afterAll(() => gecko.stop());

  it('asks the DEX only for the token CoinGecko does not know', async () => {
    const dex = stubDex({ [addressOf(2)]: 0.0123, [addressOf(1)]: 999 });
    const { pricing } = buildPricing(gecko, {}, { fallback: dex.feed, options: { now: () => NOW } });
    const prices = await pricing.priceFeed.getPrices([NATIVE, contractToken(addressOf(1)), contractToken(addressOf(2)), contractToken(addressOf(3))])();
    expect(dex.asked).toEqual([[addressOf(2), addressOf(3)]]);
    expect(prices).toEqual(
      new Map<string, Price>([
        ['native', { usd: 0.4213, change24h: -3.25, updatedAt: new Date((NOW_S - 20) * 1000).toISOString(), source: 'coingecko', stale: false }],
        [addressOf(1), { usd: 1.0001, change24h: 0.01, updatedAt: new Date((NOW_S - 10) * 1000).toISOString(), source: 'coingecko', stale: false }],
        [addressOf(2), dexPrice(0.0123)],
      ]),
    );
  });

  it('asks the DEX for every token when CoinGecko fails entirely', async () => {
    gecko.setFailing(503);
    const dex = stubDex({ native: 0.42, [addressOf(1)]: 1 });
    const { pricing } = buildPricing(gecko, {}, { fallback: dex.feed });
    const prices = await pricing.priceFeed.getPrices([NATIVE, contractToken(addressOf(1))])();
    expect(dex.asked).toEqual([['native', addressOf(1)]]);
    expect(prices).toEqual(new Map([['native', dexPrice(0.42)], [addressOf(1), dexPrice(1)]]));
  });
});
