import type { Portfolio } from './portfolio';
import { totalsOf, type PortfolioTotals } from './portfolio-totals';

export interface PortfolioSummary extends PortfolioTotals {
  readonly apy: { readonly lending: number | null; readonly liquidity: number | null; readonly total: number | null };
  readonly allocation: ReadonlyArray<{ readonly symbol: string; readonly valueUSD: number; readonly weight: number }>;
  /** Present, with when it was taken, when the chain could not be read and a stored snapshot is summarised. */
  readonly stale?: true;
  readonly cachedAt?: string;
}

const round = (x: number | null, digits = 4): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/**
 * Totals, value-weighted APYs (lending: supply APY earned minus borrow APY paid, per dollar supplied; liquidity:
 * omitted until fee APR can be measured) and allocation by symbol across tokens, supplied assets and liquidity.
 */
export const summarizePortfolio = (p: Portfolio): PortfolioSummary => {
  const supplied = p.lendingPositions.filter((x) => x.type === 'supply');
  const borrowed = p.lendingPositions.filter((x) => x.type === 'borrow');
  const earned = supplied.reduce((s, x) => s + (x.valueUSD ?? 0) * x.apy, 0);
  const paid = borrowed.reduce((s, x) => s + (x.valueUSD ?? 0) * x.apy, 0);
  const lending = p.totalSuppliedUSD > 0 ? (earned - paid) / p.totalSuppliedUSD : null;
  // Fee APR needs fees earned over time, which the snapshots do not keep yet: omitted rather than invented.
  const liquidity = null;
  const total = lending === null ? null : (earned - paid) / Math.max(p.netWorthUSD, Number.EPSILON);

  const bySymbol = new Map<string, number>();
  const add = (symbol: string, value: number | null) => {
    if (value !== null && value > 0) bySymbol.set(symbol, (bySymbol.get(symbol) ?? 0) + value);
  };
  p.tokenBalances.forEach((b) => add(b.symbol, b.valueUSD));
  supplied.forEach((x) => add(x.tokenSymbol, x.valueUSD));
  p.liquidityPositions.forEach((x) => add(`${x.token0Symbol}/${x.token1Symbol} LP`, x.valueUSD));
  const gross = [...bySymbol.values()].reduce((s, v) => s + v, 0);
  const allocation = [...bySymbol.entries()]
    .map(([symbol, valueUSD]) => ({ symbol, valueUSD, weight: gross > 0 ? Math.round((valueUSD / gross) * 1e6) / 1e6 : 0 }))
    .sort((a, b) => b.valueUSD - a.valueUSD);

  return {
    ...totalsOf(p),
    apy: { lending: round(lending), liquidity: round(liquidity), total: round(total) },
    allocation,
    ...(p.stale === true ? { stale: true, ...(p.cachedAt === undefined ? {} : { cachedAt: p.cachedAt }) } : {}),
  };
};
