import type { Portfolio } from './portfolio';

/** The headline figures of a portfolio, as the summary, the AI figures and the prompt view all carry them. */
export type PortfolioTotals = Pick<Portfolio, 'totalValueUSD' | 'netWorthUSD' | 'totalSuppliedUSD' | 'totalBorrowedUSD' | 'totalLiquidityUSD' | 'healthFactor'>;

/** The totals of `p`, and nothing else of it. */
export const totalsOf = (p: PortfolioTotals): PortfolioTotals => ({
  totalValueUSD: p.totalValueUSD,
  netWorthUSD: p.netWorthUSD,
  totalSuppliedUSD: p.totalSuppliedUSD,
  totalBorrowedUSD: p.totalBorrowedUSD,
  totalLiquidityUSD: p.totalLiquidityUSD,
  healthFactor: p.healthFactor,
});
