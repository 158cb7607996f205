import type { Portfolio } from '../portfolio/portfolio';
import { totalsOf, type PortfolioTotals } from '../portfolio/portfolio-totals';
import { MAX_SYMBOL_LENGTH, sanitizeChainString } from '../tokens/sanitize-chain-string';

/** The performance numbers the rule-based answers use (a subset of the performance read). */
export interface PerformanceFigures {
  readonly range: string;
  readonly startValueUSD: number;
  readonly endValueUSD: number;
  readonly marketPnlUSD: number;
  readonly timeWeightedReturn: number;
  readonly maxDrawdown: number;
  readonly volatility: number;
}

/** A risk factor with the points it adds to the 0–100 score. */
export interface ScoredFactor {
  readonly id: string;
  readonly points: number;
  readonly explanation: string;
}

/** Everything the rule-based engine reasons about, taken from the real portfolio, its risk and performance. */
export interface PortfolioFigures extends PortfolioTotals {
  readonly walletAddress: string;
  readonly liquidationRisk: string;
  readonly riskLevel: 'low' | 'medium' | 'high' | 'critical';
  readonly riskScore: number;
  readonly topAsset: string | null;
  readonly topWeight: number;
  readonly stablecoinShare: number;
  readonly impermanentLossRisk: number;
  /** Distinct symbols with a positive priced value, held or supplied. */
  readonly pricedAssetCount: number;
  readonly unpricedTokens: number;
  readonly liquidityPositionCount: number;
  readonly outOfRangeCount: number;
  readonly outOfRangeValueUSD: number;
  /** Largest first; only factors that add points. */
  readonly factors: ReadonlyArray<ScoredFactor>;
  readonly performance: PerformanceFigures | null;
  readonly stale: boolean;
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Extracts the figures of a portfolio (and, when there is history, its performance). */
export const portfolioFigures = (p: Portfolio, performance: PerformanceFigures | null): PortfolioFigures => {
  const outOfRange = p.liquidityPositions.filter((x) => !x.isInRange);
  return {
    walletAddress: p.walletAddress,
    ...totalsOf(p),
    liquidationRisk: p.risk.liquidationRisk,
    riskLevel: p.risk.level,
    riskScore: p.risk.score,
    topAsset: p.risk.concentration.topAsset === null ? null : sanitizeChainString(p.risk.concentration.topAsset, MAX_SYMBOL_LENGTH),
    topWeight: p.risk.concentration.topWeight,
    stablecoinShare: p.risk.stablecoinShare,
    impermanentLossRisk: p.risk.impermanentLossRisk,
    pricedAssetCount: new Set([
      ...p.tokenBalances.filter((b) => b.valueUSD !== null && b.valueUSD > 0).map((b) => b.symbol),
      ...p.lendingPositions.filter((x) => x.type === 'supply' && x.valueUSD !== null && x.valueUSD > 0).map((x) => x.tokenSymbol),
    ]).size,
    unpricedTokens: p.unpricedTokens,
    liquidityPositionCount: p.liquidityPositions.length,
    outOfRangeCount: outOfRange.length,
    outOfRangeValueUSD: outOfRange.reduce((s, x) => s + (x.valueUSD ?? 0), 0),
    factors: p.risk.factors
      .map((f) => ({ id: f.id, points: round(f.weight * f.value, 1), explanation: sanitizeChainString(f.explanation, 400) }))
      .filter((f) => f.points > 0)
      .sort((a, b) => b.points - a.points),
    performance,
    stale: p.stale ?? false,
  };
};
