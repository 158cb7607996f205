import type { Portfolio } from '../../domain/portfolio/portfolio';
import type { SnapshotHolding } from '../../infra/db/snapshots-repository';

/** What a snapshot keeps per asset for performance attribution: quantity and price of every token balance. */
export const holdingsOf = (portfolio: Portfolio): ReadonlyArray<SnapshotHolding> =>
  portfolio.tokenBalances.map((b) => ({
    key: b.token,
    symbol: b.symbol,
    quantity: Number(b.balanceFormatted),
    priceUSD: b.priceUSD,
  }));
