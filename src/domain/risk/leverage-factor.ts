import { clampUnit, formatPercent, formatUsd } from './format-figures';
import type { RiskFactor } from './risk-types';
import { RISK_FACTOR_WEIGHTS } from './risk-weights';

/** Leverage factor: debt as a share of gross assets (net worth + debt), 1 when debt exceeds the assets. */
export const leverageFactor = (totalDebtUSD: number, netWorthUSD: number): RiskFactor => {
  const weight = RISK_FACTOR_WEIGHTS.leverage;
  if (!(totalDebtUSD > 0)) {
    return { id: 'leverage', weight, value: 0, explanation: 'You carry no debt, so leverage adds no risk.' };
  }
  const gross = netWorthUSD + totalDebtUSD;
  const value = gross > 0 ? clampUnit(totalDebtUSD / gross) : 1;
  const explanation =
    gross > 0 && value < 1
      ? `Debt of ${formatUsd(totalDebtUSD)} is ${formatPercent(value)} of your ${formatUsd(gross)} gross assets: repaying part of it lowers your exposure.`
      : `Debt of ${formatUsd(totalDebtUSD)} exceeds your net worth of ${formatUsd(netWorthUSD)} plus debt: repay debt before anything else.`;
  return { id: 'leverage', weight, value, explanation };
};
