import type { TokenRef } from '../tokens/token-ref';
import type { LendingPosition, LiquidityPosition } from './portfolio';

/** A lending position as read from the chain, before pricing: `valueUSD` is filled by valuation from `tokenRef` and `rawAmount`. */
export interface UnpricedLendingPosition extends Omit<LendingPosition, 'valueUSD'> {
  readonly tokenRef: TokenRef;
  readonly rawAmount: bigint;
  readonly isStable: boolean;
}

/** A liquidity position as read from the chain, before pricing. */
export interface UnpricedLiquidityPosition extends Omit<LiquidityPosition, 'valueUSD' | 'uncollectedFees'> {
  readonly token0Ref: TokenRef;
  readonly token1Ref: TokenRef;
  readonly amount0: bigint;
  readonly amount1: bigint;
  readonly fees0: bigint;
  readonly fees1: bigint;
  /** False for a pair of two stablecoins (impermanent loss negligible). */
  readonly isVolatilePair: boolean;
}
