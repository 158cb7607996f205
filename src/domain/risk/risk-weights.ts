import type { RiskFactorId } from './risk-types';

/** Points each factor can add to the 0–100 score; they sum to 100. */
export const RISK_FACTOR_WEIGHTS: Readonly<Record<RiskFactorId, number>> = {
  liquidation: 40,
  concentration: 20,
  leverage: 15,
  volatileExposure: 15,
  impermanentLoss: 10,
};
