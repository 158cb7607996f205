import { formatPercent } from './format-figures';
import type { RiskThresholds } from './risk-thresholds';
import type { LiquidationRisk, RiskFactor } from './risk-types';
import { RISK_FACTOR_WEIGHTS } from './risk-weights';

const hasDebt = (healthFactor: number | null, totalDebtUSD: number): healthFactor is number =>
  healthFactor !== null && totalDebtUSD > 0;

/** Liquidation band from the health factor: critical < 1.05 ≤ high < 1.15 ≤ medium < 1.30 ≤ low; none without debt. */
export const liquidationRiskLevel = (
  healthFactor: number | null,
  totalDebtUSD: number,
  thresholds: RiskThresholds,
): LiquidationRisk => {
  if (!hasDebt(healthFactor, totalDebtUSD)) return 'none';
  if (healthFactor < thresholds.healthFactorCritical) return 'critical';
  if (healthFactor < thresholds.healthFactorHigh) return 'high';
  if (healthFactor < thresholds.healthFactorMedium) return 'medium';
  return 'low';
};

/** Liquidation factor: 1 at HF ≤ 1, 0 at HF ≥ healthFactorSafe, linear in between; 0 without debt. */
export const liquidationFactor = (
  healthFactor: number | null,
  totalDebtUSD: number,
  thresholds: RiskThresholds,
): RiskFactor => {
  const weight = RISK_FACTOR_WEIGHTS.liquidation;
  if (!hasDebt(healthFactor, totalDebtUSD)) {
    return { id: 'liquidation', weight, value: 0, explanation: 'You have no debt, so nothing can be liquidated.' };
  }
  const safe = thresholds.healthFactorSafe;
  const value = healthFactor <= 1 ? 1 : healthFactor >= safe ? 0 : (safe - healthFactor) / (safe - 1);
  const hf = healthFactor.toFixed(2);
  const explanation =
    healthFactor < 1
      ? `Health factor ${hf} is below 1.00, so your loans can be liquidated now: repay debt or add collateral immediately.`
      : healthFactor < safe
        ? `Health factor ${hf} means a ${formatPercent(1 - 1 / healthFactor)} fall in collateral value would trigger liquidation: repay debt or add collateral to lift it toward ${safe.toFixed(2)}.`
        : `Health factor ${hf} leaves a ${formatPercent(1 - 1 / healthFactor)} cushion before liquidation: keep it above ${safe.toFixed(2)} as prices move.`;
  return { id: 'liquidation', weight, value, explanation };
};
