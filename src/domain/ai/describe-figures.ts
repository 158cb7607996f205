import { formatPercent, formatUsd } from '../risk/format-figures';
import type { PortfolioFigures } from './portfolio-figures';

/** A signed percentage of a fraction: "+5.2%" / "-3.0%". */
export const formatSignedPercent = (fraction: number): string => `${fraction >= 0 ? '+' : ''}${formatPercent(fraction)}`;

/** "1.42", or "n/a" without debt. */
export const formatHealthFactor = (hf: number | null): string => (hf === null ? 'n/a' : hf.toFixed(2));

export const describeTotals = (f: PortfolioFigures): string =>
  `Your portfolio is worth ${formatUsd(f.totalValueUSD)} (net worth ${formatUsd(f.netWorthUSD)}) across ${f.pricedAssetCount} priced asset${f.pricedAssetCount === 1 ? '' : 's'}.`;

export const describeConcentration = (f: PortfolioFigures): string =>
  f.topAsset === null ? 'You hold no priced assets yet.' : `Your largest holding is ${f.topAsset} at ${formatPercent(f.topWeight)} of holdings.`;

export const describeStablecoins = (f: PortfolioFigures): string => `Stablecoins make up ${formatPercent(f.stablecoinShare)} of your holdings.`;

export const describeLending = (f: PortfolioFigures): string =>
  f.totalBorrowedUSD > 0
    ? `You borrow ${formatUsd(f.totalBorrowedUSD)} against ${formatUsd(f.totalSuppliedUSD)} supplied; your health factor is ${formatHealthFactor(f.healthFactor)} (liquidation risk: ${f.liquidationRisk}).`
    : `You have no debt, so your health factor is not defined (n/a) and nothing can be liquidated${f.totalSuppliedUSD > 0 ? `; you supply ${formatUsd(f.totalSuppliedUSD)}` : ''}.`;

export const describeLiquidity = (f: PortfolioFigures): string =>
  f.liquidityPositionCount === 0
    ? 'You have no liquidity positions.'
    : f.outOfRangeCount > 0
      ? `${f.outOfRangeCount} of your ${f.liquidityPositionCount} liquidity positions (${formatUsd(f.outOfRangeValueUSD)}) ${f.outOfRangeCount === 1 ? 'is' : 'are'} out of range and earn${f.outOfRangeCount === 1 ? 's' : ''} no fees.`
      : `All ${f.liquidityPositionCount} of your liquidity positions (${formatUsd(f.totalLiquidityUSD)}) are in range.`;

export const describePerformance = (f: PortfolioFigures): string => {
  const p = f.performance;
  if (p === null || p.startValueUSD <= 0) return 'There is not enough stored history yet to measure performance.';
  return `Over ${p.range}: time-weighted return ${formatSignedPercent(p.timeWeightedReturn)}, market P&L ${formatUsd(p.marketPnlUSD)}, maximum drawdown ${formatPercent(p.maxDrawdown)}.`;
};

export const describeRisk = (f: PortfolioFigures): string => `Overall risk is ${f.riskLevel} (score ${f.riskScore} of 100).`;

export const describeCaveats = (f: PortfolioFigures): ReadonlyArray<string> => [
  ...(f.unpricedTokens > 0 ? [`${f.unpricedTokens} token${f.unpricedTokens === 1 ? '' : 's'} could not be priced and ${f.unpricedTokens === 1 ? 'is' : 'are'} left out of these totals.`] : []),
  ...(f.stale ? ['Some figures come from a stored copy because the chain could not be read just now.'] : []),
];
