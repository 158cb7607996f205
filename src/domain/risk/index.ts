export { assessRisk } from './assess-risk';
export { concentration, concentrationFactor, volatileConcentration } from './concentration';
export { impermanentLossFactor, impermanentLossRisk } from './impermanent-loss-risk';
export { leverageFactor } from './leverage-factor';
export { liquidationFactor, liquidationRiskLevel } from './liquidation-risk';
export { DEFAULT_RISK_THRESHOLDS, type RiskThresholds } from './risk-thresholds';
export type {
  Concentration,
  LiquidationRisk,
  RiskAssessment,
  RiskFactor,
  RiskFactorId,
  RiskHolding,
  RiskInput,
  RiskLevel,
  RiskLiquidityPosition,
} from './risk-types';
export { RISK_FACTOR_WEIGHTS } from './risk-weights';
export { stablecoinShare, volatileExposureFactor } from './stablecoin-share';
