import type { Address } from 'viem';

// The liquidity actions' inputs, decoded (API.md "Transactions"): amounts are positive base units, slippageBps is
// 0–5000 (default applied), percent 1–100 (default 100). Checks that need the chain (registry, pool, spacing,
// ownership) are the planners'.

/** Mint a new position in the pool (token0, token1, fee), tokens in the pool's order (token0 < token1). */
export interface MintPositionRequest {
  readonly token0: Address;
  readonly token1: Address;
  readonly fee: number;
  readonly tickLower: number;
  readonly tickUpper: number;
  readonly amount0Desired: bigint;
  readonly amount1Desired: bigint;
  readonly slippageBps: number;
}

/** Add liquidity to a position the wallet owns. */
export interface IncreaseLiquidityRequest {
  readonly tokenId: bigint;
  readonly amount0Desired: bigint;
  readonly amount1Desired: bigint;
  readonly slippageBps: number;
}

/** Remove floor(liquidity × percent / 100) of a position and collect everything owed. */
export interface RemoveLiquidityRequest {
  readonly tokenId: bigint;
  readonly percent: number;
  readonly slippageBps: number;
}

/** Collect everything a position owes (fees). */
export interface CollectFeesRequest {
  readonly tokenId: bigint;
}
