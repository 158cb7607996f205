import { formatPercent, formatUsd, sumPositive } from './format-figures';
import type { RiskFactor, RiskHolding } from './risk-types';
import { RISK_FACTOR_WEIGHTS } from './risk-weights';

/** Share of holdings value (positive values only) held in stablecoins, 0 with no holdings. */
export const stablecoinShare = (holdings: ReadonlyArray<RiskHolding>): number => {
  const total = sumPositive(holdings.map((h) => h.valueUSD));
  return total === 0 ? 0 : sumPositive(holdings.filter((h) => h.isStable).map((h) => h.valueUSD)) / total;
};

/** Volatile-exposure factor: 1 − stablecoin share (0 with no holdings). */
export const volatileExposureFactor = (holdings: ReadonlyArray<RiskHolding>): RiskFactor => {
  const weight = RISK_FACTOR_WEIGHTS.volatileExposure;
  const total = sumPositive(holdings.map((h) => h.valueUSD));
  if (total === 0) {
    return { id: 'volatileExposure', weight, value: 0, explanation: 'You hold no priced assets, so there is no price exposure.' };
  }
  const share = stablecoinShare(holdings);
  const value = 1 - share;
  const explanation =
    share < 0.5
      ? `Only ${formatPercent(share)} of your ${formatUsd(total)} holdings is in stablecoins: moving some into stablecoins would cushion price swings.`
      : `${formatPercent(share)} of your ${formatUsd(total)} holdings is in stablecoins, leaving ${formatPercent(value)} exposed to price swings.`;
  return { id: 'volatileExposure', weight, value, explanation };
};
