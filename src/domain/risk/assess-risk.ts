import { concentration, concentrationFactor } from './concentration';
import { impermanentLossFactor, impermanentLossRisk } from './impermanent-loss-risk';
import { leverageFactor } from './leverage-factor';
import { liquidationFactor, liquidationRiskLevel } from './liquidation-risk';
import { DEFAULT_RISK_THRESHOLDS, type RiskThresholds } from './risk-thresholds';
import type { LiquidationRisk, RiskAssessment, RiskInput, RiskLevel } from './risk-types';
import { stablecoinShare, volatileExposureFactor } from './stablecoin-share';

const LEVEL_ORDER: ReadonlyArray<RiskLevel> = ['low', 'medium', 'high', 'critical'];

const levelFloorFromLiquidation = (risk: LiquidationRisk): RiskLevel => (risk === 'none' ? 'low' : risk);

const levelFromScore = (score: number, t: RiskThresholds): RiskLevel =>
  score >= t.scoreCritical ? 'critical' : score >= t.scoreHigh ? 'high' : score >= t.scoreMedium ? 'medium' : 'low';

const worseOf = (a: RiskLevel, b: RiskLevel): RiskLevel => (LEVEL_ORDER.indexOf(a) >= LEVEL_ORDER.indexOf(b) ? a : b);

/**
 * Explainable portfolio risk: five weighted factors (weights sum to 100, values 0..1) give a 0–100 score; the level
 * is the worse of the score band and the liquidation band, so critical liquidation risk is always critical overall.
 */
export const assessRisk = (input: RiskInput, thresholds: Partial<RiskThresholds> = {}): RiskAssessment => {
  const t: RiskThresholds = { ...DEFAULT_RISK_THRESHOLDS, ...thresholds };
  const factors = [
    liquidationFactor(input.healthFactor, input.totalDebtUSD, t),
    leverageFactor(input.totalDebtUSD, input.netWorthUSD),
    concentrationFactor(input.holdings),
    volatileExposureFactor(input.holdings),
    impermanentLossFactor(input.holdings, input.liquidity),
  ];
  const score = Math.round(factors.reduce((sum, f) => sum + f.weight * f.value, 0) * 10) / 10;
  const liquidationRisk = liquidationRiskLevel(input.healthFactor, input.totalDebtUSD, t);
  return {
    level: worseOf(levelFromScore(score, t), levelFloorFromLiquidation(liquidationRisk)),
    score,
    healthFactor: input.healthFactor,
    liquidationRisk,
    concentration: concentration(input.holdings),
    stablecoinShare: stablecoinShare(input.holdings),
    impermanentLossRisk: impermanentLossRisk(input.liquidity),
    factors,
  };
};
