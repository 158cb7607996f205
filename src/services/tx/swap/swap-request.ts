import type { Address } from 'viem';

/** A validated swap request (API.md `POST /api/tx/swap`); the wallet comes from the token, never from here. */
export interface SwapRequest {
  readonly tokenIn: Address | 'native';
  readonly tokenOut: Address | 'native';
  /** Base units; "max": the wallet's whole balance of tokenIn at the plan's block. */
  readonly amountIn: bigint | 'max';
  /** 0–5000. */
  readonly slippageBps: number;
}

/** A token the swap may touch, as the registry lists it. */
export interface SwapToken {
  readonly address: Address;
  readonly symbol: string;
  readonly decimals: number;
}
