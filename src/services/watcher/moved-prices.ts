import type { PriceMap } from '../pricing/price-feed';

/** One entry of `price_update.prices`. */
export interface PriceTick {
  readonly usd: number;
  readonly change24h: number | null;
  readonly updatedAt: string;
}

/** The prices in `current` whose USD value differs from `lastUsd` (or that are new), in the shape `price_update` carries. */
export const movedPrices = (lastUsd: ReadonlyMap<string, number>, current: PriceMap): Readonly<Record<string, PriceTick>> =>
  Object.fromEntries(
    [...current.entries()]
      .filter(([key, price]) => lastUsd.get(key) !== price.usd)
      .map(([key, price]) => [key, { usd: price.usd, change24h: price.change24h, updatedAt: price.updatedAt }]),
  );
