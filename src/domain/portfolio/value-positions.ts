import { tokenAmountOf } from '../address/token-amount';
import { toNumberApprox } from '../amounts';
import type { LendingPosition, LiquidityPosition } from './portfolio';
import type { UnpricedLendingPosition, UnpricedLiquidityPosition } from './unpriced-positions';

/** The subset of a price that valuation needs (the pricing port's Price satisfies it). */
export interface UnitPrice {
  readonly usd: number;
  readonly change24h: number | null;
  readonly source: 'coingecko' | 'dex';
  readonly stale: boolean;
}

export type PriceLookup = ReadonlyMap<string, UnitPrice>;

/** The USD value of `amount` base units, unrounded (API.md: clients format USD values); null without a price, never zero. */
export const usdValueOf = (amount: bigint, decimals: number, price: UnitPrice | undefined): number | null =>
  price === undefined ? null : toNumberApprox(amount, decimals) * price.usd;

/** Both legs priced, or null: a half-priced pair is not given a misleading value. */
const pairValue = (a: number | null, b: number | null, amountA: bigint, amountB: bigint): number | null => {
  if ((a === null && amountA > 0n) || (b === null && amountB > 0n)) return null;
  return (a ?? 0) + (b ?? 0);
};

export const valueLendingPosition = (p: UnpricedLendingPosition, prices: PriceLookup): LendingPosition => {
  const { tokenRef, rawAmount: _raw, isStable: _stable, ...shape } = p;
  return { ...shape, valueUSD: usdValueOf(p.rawAmount, tokenRef.decimals, prices.get(tokenRef.key)) };
};

export const valueLiquidityPosition = (p: UnpricedLiquidityPosition, prices: PriceLookup): LiquidityPosition => {
  const { token0Ref, token1Ref, amount0, amount1, fees0, fees1, isVolatilePair: _v, ...shape } = p;
  const price0 = prices.get(token0Ref.key);
  const price1 = prices.get(token1Ref.key);
  return {
    ...shape,
    valueUSD: pairValue(usdValueOf(amount0, token0Ref.decimals, price0), usdValueOf(amount1, token1Ref.decimals, price1), amount0, amount1),
    uncollectedFees: {
      token0: tokenAmountOf(fees0),
      token1: tokenAmountOf(fees1),
      valueUSD: pairValue(usdValueOf(fees0, token0Ref.decimals, price0), usdValueOf(fees1, token1Ref.decimals, price1), fees0, fees1),
    },
  };
};
