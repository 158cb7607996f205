import type { Address } from 'viem';
import type { UnpricedLendingPosition, UnpricedLiquidityPosition } from '../../domain/portfolio/unpriced-positions';
import type { ReadWarning } from '../../domain/tokens/token-holding';
import type { ReadPlan } from '../chain/read-plan';

export type { UnpricedLendingPosition, UnpricedLiquidityPosition };

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
