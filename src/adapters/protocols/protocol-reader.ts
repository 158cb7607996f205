import type { Address } from 'viem';
import type { LendingPosition, LiquidityPosition } from '../../domain/portfolio/portfolio';
import type { ReadWarning } from '../../domain/tokens/token-holding';
import type { TokenRef } from '../../domain/tokens/token-ref';
import type { ReadPlan } from '../chain/read-plan';

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

/** What one protocol contributes to a portfolio read. */
export interface PositionsRead {
  readonly lending: ReadonlyArray<UnpricedLendingPosition>;
  readonly liquidity: ReadonlyArray<UnpricedLiquidityPosition>;
  /** From a lending market's own account data; null when there is no debt; absent when the protocol has no notion of it. */
  readonly healthFactor?: number | null;
  /** Parts of this protocol's read that failed while the rest succeeded. */
  readonly warnings: ReadonlyArray<ReadWarning>;
}

/**
 * A protocol adapter: plans the contract reads it needs for a wallet (in rounds, through the shared multicall) and
 * turns their results into positions. Adapters hold only caches of immutable facts (reserve lists, pair addresses).
 */
export interface ProtocolReader {
  /** e.g. "yei", "dragonswap-v2", "dragonswap-v1": named in warnings when the adapter fails. */
  readonly source: string;
  readonly plan: (wallet: Address) => ReadPlan<PositionsRead>;
}
