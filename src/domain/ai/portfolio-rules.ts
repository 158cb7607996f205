import { formatPercent, formatUsd } from '../risk/format-figures';
import { formatHealthFactor } from './describe-figures';
import type { PortfolioFigures } from './portfolio-figures';

export type RiskTolerance = 'conservative' | 'moderate' | 'aggressive';

/** What one rule found: an action with its reason and the effect it should have. */
export interface RuleFinding {
  readonly id: string;
  readonly action: string;
  readonly rationale: string;
  readonly expectedImpact: string;
}

interface Limits {
  readonly minHealthFactor: number;
  readonly maxTopWeight: number;
  readonly minStableShare: number;
  readonly maxDrawdown: number;
}

const LIMITS: Record<RiskTolerance, Limits> = {
  conservative: { minHealthFactor: 2, maxTopWeight: 0.4, minStableShare: 0.3, maxDrawdown: 0.1 },
  moderate: { minHealthFactor: 1.5, maxTopWeight: 0.5, minStableShare: 0.15, maxDrawdown: 0.2 },
  aggressive: { minHealthFactor: 1.25, maxTopWeight: 0.7, minStableShare: 0.05, maxDrawdown: 0.35 },
};

/** The health factor a `tolerance` profile should stay above (the rules' limit). */
export const minHealthFactorFor = (tolerance: RiskTolerance): number => LIMITS[tolerance].minHealthFactor;

/** The things to fix, most urgent first, judged against the limits of `tolerance`. */
export const riskFindings = (f: PortfolioFigures, tolerance: RiskTolerance = 'moderate'): ReadonlyArray<RuleFinding> => {
  const limits = LIMITS[tolerance];
  const findings: RuleFinding[] = [];
  if (f.totalBorrowedUSD > 0 && f.healthFactor !== null && f.healthFactor < limits.minHealthFactor) {
    findings.push({
      id: 'health-factor',
      action: `Repay part of your ${formatUsd(f.totalBorrowedUSD)} debt or add collateral.`,
      rationale: `Your health factor is ${formatHealthFactor(f.healthFactor)}, below ${limits.minHealthFactor.toFixed(2)} for a ${tolerance} profile; liquidation starts at 1.00.`,
      expectedImpact: `Raises the health factor above ${limits.minHealthFactor.toFixed(2)} and lowers liquidation risk (now ${f.liquidationRisk}).`,
    });
  }
  if (f.outOfRangeCount > 0) {
    findings.push({
      id: 'out-of-range',
      action: `Re-centre ${f.outOfRangeCount} out-of-range liquidity position${f.outOfRangeCount === 1 ? '' : 's'} worth ${formatUsd(f.outOfRangeValueUSD)}.`,
      rationale: 'A concentrated position outside its price range earns no fees and sits entirely in one token.',
      expectedImpact: 'The position earns trading fees again.',
    });
  }
  if (f.topAsset !== null && f.topWeight > limits.maxTopWeight) {
    findings.push({
      id: 'concentration',
      action: `Diversify out of ${f.topAsset}.`,
      rationale: `${f.topAsset} is ${formatPercent(f.topWeight)} of your holdings, above ${formatPercent(limits.maxTopWeight)} for a ${tolerance} profile.`,
      expectedImpact: `Brings your largest position under ${formatPercent(limits.maxTopWeight)} and reduces the damage one token can do.`,
    });
  }
  if (f.totalValueUSD > 0 && f.stablecoinShare < limits.minStableShare) {
    findings.push({
      id: 'stablecoin-buffer',
      action: 'Hold part of the portfolio in stablecoins.',
      rationale: `Stablecoins are ${formatPercent(f.stablecoinShare)} of your holdings, below ${formatPercent(limits.minStableShare)} for a ${tolerance} profile.`,
      expectedImpact: 'A buffer that does not fall with the market and can repay debt or buy dips.',
    });
  }
  if (f.performance !== null && f.performance.maxDrawdown > limits.maxDrawdown) {
    findings.push({
      id: 'drawdown',
      action: 'Size positions for the swings you have seen.',
      rationale: `Your portfolio fell up to ${formatPercent(f.performance.maxDrawdown)} from a peak over ${f.performance.range}.`,
      expectedImpact: 'Smaller drawdowns next time the market turns.',
    });
  }
  if (f.unpricedTokens > 0) {
    findings.push({
      id: 'unpriced',
      action: `Check the ${f.unpricedTokens} token${f.unpricedTokens === 1 ? '' : 's'} nobody could price.`,
      rationale: 'Tokens without a price are left out of every total; they may be illiquid, or spam sent to your wallet.',
      expectedImpact: 'An accurate picture of what you hold.',
    });
  }
  return findings;
};

/** Ways to put the portfolio to work that its figures point to. */
export const opportunityFindings = (f: PortfolioFigures): ReadonlyArray<RuleFinding> => {
  const findings: RuleFinding[] = [];
  const stableUSD = f.stablecoinShare * Math.max(0, f.totalValueUSD - f.totalLiquidityUSD);
  if (f.stablecoinShare >= 0.2 && f.totalSuppliedUSD === 0 && stableUSD > 0) {
    findings.push({
      id: 'idle-stablecoins',
      action: 'Supply idle stablecoins to a lending market.',
      rationale: `About ${formatUsd(stableUSD)} of stablecoins (${formatPercent(f.stablecoinShare)} of holdings) earn nothing now.`,
      expectedImpact: 'Interest on the supplied amount, with smart-contract risk but no price risk.',
    });
  }
  if (f.liquidityPositionCount === 0 && f.totalValueUSD > 0) {
    findings.push({
      id: 'provide-liquidity',
      action: 'Consider providing liquidity in a pair you already hold.',
      rationale: 'You have no liquidity positions; a pool of two tokens you hold earns trading fees.',
      expectedImpact: 'Fee income, at the cost of impermanent loss when the two prices diverge.',
    });
  }
  return findings;
};
