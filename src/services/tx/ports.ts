// What the transaction engine and the wrap planner need from the chain, filled by adapters/chain/tx.
// Every read is at one block, so a plan, its allowances, its simulation and its gas all see the same state.
import type * as O from 'fp-ts/Option';
import type * as T from 'fp-ts/Task';
import type * as TE from 'fp-ts/TaskEither';
import type { Address, Hex } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { HealthFactorWad } from '../../domain/tx/action-plan';
import type { AllowanceSlotLayout } from '../../domain/tx/allowance-slot';
import type { RevertEvidence } from '../../domain/tx/decode-revert';

/** A call as the wallet would send it. */
export interface CallRequest {
  readonly from: Address;
  readonly to: Address;
  readonly data: Hex;
  readonly value: bigint;
}

/** One storage word set for the duration of one eth_call (a state override). */
export interface StorageOverride {
  readonly address: Address;
  readonly slot: Hex;
  readonly value: Hex;
}

export type CallOutcome =
  | { readonly kind: 'returned'; readonly data: Hex }
  | { readonly kind: 'reverted'; readonly evidence: RevertEvidence }
  /** The RPC answered an error that is not a revert (e.g. it does not take state overrides): nothing is known. */
  | { readonly kind: 'refused'; readonly reason: string };

export type GasEstimate = { readonly kind: 'estimated'; readonly gas: bigint } | { readonly kind: 'reverted'; readonly evidence: RevertEvidence };

/** Reads and dry runs; a transport failure is RpcUnavailable, a revert is an answer. */
export interface TxChain {
  readonly latestBlockNumber: () => TE.TaskEither<AppError, bigint>;
  readonly allowance: (token: Address, owner: Address, spender: Address, blockNumber: bigint) => TE.TaskEither<AppError, bigint>;
  readonly nativeBalance: (wallet: Address, blockNumber: bigint) => TE.TaskEither<AppError, bigint>;
  readonly tokenBalance: (token: Address, wallet: Address, blockNumber: bigint) => TE.TaskEither<AppError, bigint>;
  /** eth_call at the block, with storage overrides when given (the RPC may refuse them: `refused`). */
  readonly callAt: (call: CallRequest, blockNumber: bigint, overrides: ReadonlyArray<StorageOverride>) => TE.TaskEither<AppError, CallOutcome>;
  /** eth_estimateGas at the block, without overrides (Hardhat refuses them there). */
  readonly estimateGasAt: (call: CallRequest, blockNumber: bigint) => TE.TaskEither<AppError, GasEstimate>;
  /** eth_gasPrice now (to keep gas money back when wrapping "max"). */
  readonly gasPrice: () => TE.TaskEither<AppError, bigint>;
}

/** The lending health factor at the block (Aave getUserAccountData), null without debt or without a lending market. */
export interface LendingHealth {
  readonly healthFactorAt: (wallet: Address, blockNumber: bigint) => TE.TaskEither<AppError, HealthFactorWad>;
}

/** Where each token keeps its allowances, once found (`none`: no common layout matched). */
export type KnownAllowanceSlot = AllowanceSlotLayout | 'none';

/** The allowance-slot discovery cache, per token. */
export interface AllowanceSlotBook {
  readonly get: (token: Address) => T.Task<O.Option<KnownAllowanceSlot>>;
  readonly remember: (token: Address, slot: KnownAllowanceSlot) => T.Task<void>;
}

export interface TokenDescription {
  readonly symbol: string;
  readonly decimals: number;
}

/** Symbol and decimals of a token (the registry's, else read from the chain and sanitised). */
export interface TokenDescriptions {
  readonly describe: (token: Address) => TE.TaskEither<AppError, TokenDescription>;
}
