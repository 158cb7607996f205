import { clampUnit, formatPercent, formatUsd, sumPositive } from './format-figures';
import type { RiskFactor, RiskHolding, RiskLiquidityPosition } from './risk-types';
import { RISK_FACTOR_WEIGHTS } from './risk-weights';

const volatileLiquidity = (liquidity: ReadonlyArray<RiskLiquidityPosition>) => liquidity.filter((p) => p.isVolatilePair);

/** Share of liquidity-position value in volatile pairs (exposed to impermanent loss), 0 without positions. */
export const impermanentLossRisk = (liquidity: ReadonlyArray<RiskLiquidityPosition>): number => {
  const total = sumPositive(liquidity.map((p) => p.valueUSD));
  return total === 0 ? 0 : sumPositive(volatileLiquidity(liquidity).map((p) => p.valueUSD)) / total;
};

/** Impermanent-loss factor: volatile-pair liquidity as a share of all assets (holdings + liquidity positions). */
export const impermanentLossFactor = (
  holdings: ReadonlyArray<RiskHolding>,
  liquidity: ReadonlyArray<RiskLiquidityPosition>,
): RiskFactor => {
  const weight = RISK_FACTOR_WEIGHTS.impermanentLoss;
  const exposed = volatileLiquidity(liquidity);
  const exposedUSD = sumPositive(exposed.map((p) => p.valueUSD));
  if (exposedUSD === 0) {
    return {
      id: 'impermanentLoss',
      weight,
      value: 0,
      explanation: 'You have no liquidity in volatile pairs, so impermanent loss is not a concern.',
    };
  }
  const liquidityUSD = sumPositive(liquidity.map((p) => p.valueUSD));
  const assetsUSD = sumPositive(holdings.map((h) => h.valueUSD)) + liquidityUSD;
  const value = clampUnit(exposedUSD / assetsUSD);
  const outOfRange = exposed.filter((p) => !p.isInRange && p.valueUSD > 0).length;
  const rangeNote =
    outOfRange === 0
      ? 'all in range'
      : `${outOfRange} ${outOfRange === 1 ? 'position is' : 'positions are'} out of range and earning no fees`;
  return {
    id: 'impermanentLoss',
    weight,
    value,
    explanation: `${formatUsd(exposedUSD)} of your ${formatUsd(liquidityUSD)} in liquidity positions (${formatPercent(value)} of assets) sits in volatile pairs, ${rangeNote}: consider wider ranges or stable pairs to limit impermanent loss.`,
  };
};
