import type { Address, Hex } from 'viem';
import type { HealthFactorWad, LiquidityQuote, SwapQuote, TxAction } from './action-plan';
import type { SimulationError } from './decode-revert';
import type { ChainId } from '../address/chain-id';

/** One transaction for the wallet to sign, in signing order (API.md "Transactions"). */
export interface PreparedTransaction {
  readonly to: Address;
  readonly data: Hex;
  readonly value: bigint;
  readonly chainId: ChainId;
  /** An estimate with headroom, or for a call that depends on an earlier one in the list, the planner's upper bound. */
  readonly gas: bigint;
  readonly description: string;
  readonly kind: 'approve' | 'action';
}

/** A wallet's expected delta of one token, with what a person reads. */
export interface DescribedBalanceChange {
  readonly token: Address | 'native';
  readonly symbol: string;
  readonly decimals: number;
  readonly delta: bigint;
}

/**
 * The simulation of the whole list as the wallet at the block: `ok: true` every call succeeded, `ok: false` one
 * reverted (`error` says why), `ok: null` it could not be run faithfully (`error.message` says why; never guessed).
 */
export interface SimulationOutcome {
  readonly ok: boolean | null;
  readonly error?: SimulationError | { readonly code: 'NOT_SIMULATED'; readonly message: string };
  readonly healthFactorBefore: HealthFactorWad;
  readonly healthFactorAfter: HealthFactorWad;
  readonly balanceChanges: ReadonlyArray<DescribedBalanceChange>;
}

/** The answer of every prepare route, in domain values (bigints); prepared-transactions-json.ts writes API.md's JSON. */
export interface PreparedTransactions {
  readonly action: TxAction;
  readonly wallet: Address;
  readonly chainId: ChainId;
  readonly blockNumber: bigint;
  readonly transactions: ReadonlyArray<PreparedTransaction>;
  readonly simulation: SimulationOutcome;
  readonly quote?: SwapQuote | LiquidityQuote;
  readonly expiresAt: Date;
}
