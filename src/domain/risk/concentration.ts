import { formatPercent, sumPositive } from './format-figures';
import type { Concentration, RiskFactor, RiskHolding } from './risk-types';
import { RISK_FACTOR_WEIGHTS } from './risk-weights';

const valueBySymbol = (holdings: ReadonlyArray<RiskHolding>): Map<string, number> => {
  const bySymbol = new Map<string, number>();
  for (const h of holdings) {
    if (Number.isFinite(h.valueUSD) && h.valueUSD > 0) bySymbol.set(h.symbol, (bySymbol.get(h.symbol) ?? 0) + h.valueUSD);
  }
  return bySymbol;
};

/** Herfindahl–Hirschman index of holdings grouped by symbol (positive values only), with the largest asset. */
export const concentration = (holdings: ReadonlyArray<RiskHolding>): Concentration => {
  const bySymbol = valueBySymbol(holdings);
  const total = sumPositive([...bySymbol.values()]);
  if (total === 0) return { hhi: 0, topAsset: null, topWeight: 0 };
  let hhi = 0;
  let topAsset: string | null = null;
  let topWeight = 0;
  for (const [symbol, value] of [...bySymbol.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const weight = value / total;
    hhi += weight * weight;
    if (weight > topWeight) {
      topAsset = symbol;
      topWeight = weight;
    }
  }
  return { hhi, topAsset, topWeight };
};

/** HHI counting only volatile holdings (weights still relative to all holdings), so a stablecoin pile is not "concentrated". */
export const volatileConcentration = (holdings: ReadonlyArray<RiskHolding>): number => {
  const total = sumPositive(holdings.map((h) => h.valueUSD));
  if (total === 0) return 0;
  const volatile = valueBySymbol(holdings.filter((h) => !h.isStable));
  return [...volatile.values()].reduce((sum, value) => sum + (value / total) ** 2, 0);
};

/** Concentration factor: the volatile-asset HHI (1 = everything in one volatile asset). */
export const concentrationFactor = (holdings: ReadonlyArray<RiskHolding>): RiskFactor => {
  const weight = RISK_FACTOR_WEIGHTS.concentration;
  const { topAsset, topWeight } = concentration(holdings);
  if (topAsset === null) {
    return { id: 'concentration', weight, value: 0, explanation: 'You hold no priced assets, so nothing is concentrated.' };
  }
  const value = volatileConcentration(holdings);
  const advice =
    value >= 0.25
      ? 'spreading volatile exposure across more assets would lower this.'
      : 'volatile exposure is already spread out; avoid letting one asset dominate.';
  return {
    id: 'concentration',
    weight,
    value,
    explanation: `${topAsset} is ${formatPercent(topWeight)} of your holdings and volatile assets have an HHI of ${value.toFixed(2)}: ${advice}`,
  };
};
