import type { Address } from 'viem';
import type { MidRate } from '../../../domain/tx/swap/mid-price';

/** One pool a route may cross, in the swap's direction. `fee` for DragonSwap V2 (Uniswap V3) pools only. */
export interface PoolHop {
  readonly version: 'v1' | 'v2';
  readonly pool: Address;
  readonly fee?: number;
  readonly tokenIn: Address;
  readonly tokenOut: Address;
}

/** A hop with what it pays for its input at the plan's block, and its rate before the swap. */
export interface QuotedHop extends PoolHop {
  readonly amountIn: bigint;
  readonly amountOut: bigint;
  readonly midRate: MidRate;
}

/** The best route found: one hop, or two through WSEI. */
export interface QuotedRoute {
  readonly hops: readonly [QuotedHop, ...ReadonlyArray<QuotedHop>];
  readonly amountIn: bigint;
  readonly amountOut: bigint;
}

/** A pair of tokens a route crosses in one hop, in the swap's direction. */
export interface Leg {
  readonly tokenIn: Address;
  readonly tokenOut: Address;
}

/** Whether the swap sells the pool's token0 (Uniswap sorts a pool's tokens by address). */
export const isZeroForOne = (leg: Leg): boolean => leg.tokenIn.toLowerCase() < leg.tokenOut.toLowerCase();
