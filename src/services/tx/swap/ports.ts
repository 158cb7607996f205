import type * as TE from 'fp-ts/TaskEither';
import type { Address, Hex } from 'viem';
import type { AppError } from '../../../domain/app-error';

// What the swap planner needs from outside, filled in src/composition/tx-swap.ts.

export interface ChainCall {
  readonly to: Address;
  readonly data: Hex;
}

/** A call's return data, or `undefined` when it reverted. */
export type CallAnswer = Hex | undefined;

/**
 * Runs every call at `blockNumber` in one request (Multicall3 aggregate3, failures allowed), answers in call order.
 * RpcUnavailable when the chain cannot be read.
 */
export type CallAllAtBlock = (calls: ReadonlyArray<ChainCall>, blockNumber: bigint) => TE.TaskEither<AppError, ReadonlyArray<CallAnswer>>;

/** The DragonSwap addresses a swap needs; a DEX without an address in the registry is not searched. */
export interface SwapVenues {
  readonly swapRouter02: Address;
  readonly wrappedNative: Address;
  /** Multicall3: its getEthBalance reads the wallet's SEI for amountIn "max". */
  readonly multicall3: Address;
  readonly v2?: { readonly factory: Address; readonly quoterV2: Address };
  readonly v1?: { readonly factory: Address };
}
