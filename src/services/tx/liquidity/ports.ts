import type * as TE from 'fp-ts/TaskEither';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';

// What the liquidity planners need from the chain, filled by adapters/protocols/uniswap-v3/make-position-manager-chain.ts
// and wired in src/composition/tx-liquidity.ts.

/** A DragonSwap V2 (Uniswap v3) pool as it stands at one block. */
export interface PoolAtBlock {
  readonly address: Address;
  readonly token0: Address;
  readonly token1: Address;
  readonly fee: number;
  readonly tickSpacing: number;
  readonly sqrtPriceX96: bigint;
  readonly tick: number;
}

/** Token amounts of a pool's pair, token0 first. */
export interface PairAmounts {
  readonly amount0: bigint;
  readonly amount1: bigint;
}

/** A position NFT at one block, read for one wallet. */
export interface PositionAtBlock {
  readonly tokenId: bigint;
  readonly owner: Address;
  readonly tickLower: number;
  readonly tickUpper: number;
  readonly liquidity: bigint;
  readonly pool: PoolAtBlock;
  /**
   * What collect(tokenId, wallet, max, max) pays the wallet at this block (fees earned, plus liquidity decreased but
   * not collected), simulated as the wallet; null when the wallet may not collect (it neither owns nor operates it).
   */
  readonly owed: PairAmounts | null;
}

/** A block's timestamp (seconds) beside what was read at it. */
export interface AtBlock<A> {
  readonly value: A;
  readonly blockTimestamp: bigint;
}

export interface PositionManagerChain {
  /** The NonfungiblePositionManager every call goes to (and every allowance is for). */
  readonly positionManager: Address;
  /** The initialised pool of (token0, token1, fee) at the block; null when the factory has none or it holds no price yet. */
  readonly readPool: (key: { readonly token0: Address; readonly token1: Address; readonly fee: number }, blockNumber: bigint) => TE.TaskEither<AppError, AtBlock<PoolAtBlock | null>>;
  /** The position NFT and its pool at the block, `owed` simulated as `wallet`; null when no such NFT exists (never minted, or burned). */
  readonly readPosition: (tokenId: bigint, wallet: Address, blockNumber: bigint) => TE.TaskEither<AppError, AtBlock<PositionAtBlock | null>>;
}
