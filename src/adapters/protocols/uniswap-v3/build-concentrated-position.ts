import type { Address } from 'viem';
import { getAmountsForLiquidity, isInRange, sqrtPriceX96ToPrice, tickToPrice } from '../../../domain/uniswap-v3';
import { tokenAmountOf } from '../../../domain/address/token-amount';
import type { UnpricedLiquidityPosition } from '../protocol-reader';
import type { PoolKey } from './compute-pool-address';
import { finiteOrNull } from './finite-or-null';
import type { TokenInfo } from './token-info-book';

/** The immutable part of a position NFT: its pool and its tick range. */
export interface PositionKey extends PoolKey {
  readonly tickLower: number;
  readonly tickUpper: number;
}

export interface ConcentratedPositionFacts {
  readonly tokenId: bigint;
  readonly platform: string;
  readonly poolAddress: Address;
  readonly key: PositionKey;
  readonly liquidity: bigint;
  /** Everything `collect` would pay out now (fees, plus any liquidity already decreased but not collected). */
  readonly fees0: bigint;
  readonly fees1: bigint;
  readonly sqrtPriceX96: bigint;
  readonly tick: number;
  readonly token0: TokenInfo;
  readonly token1: TokenInfo;
}

/**
 * A concentrated-liquidity position as the portfolio shows it: amounts are what decreaseLiquidity of the whole
 * liquidity would return now (rounded down, as the pool does), prices are token1 per token0 in whole units.
 */
export const buildConcentratedPosition = (f: ConcentratedPositionFacts): UnpricedLiquidityPosition => {
  const { key, token0, token1 } = f;
  const { amount0, amount1 } = getAmountsForLiquidity(f.sqrtPriceX96, key.tickLower, key.tickUpper, f.liquidity);
  const d0 = token0.ref.decimals;
  const d1 = token1.ref.decimals;
  return {
    id: f.tokenId.toString(),
    platform: f.platform,
    kind: 'concentrated',
    poolAddress: f.poolAddress,
    token0: token0.address,
    token1: token1.address,
    token0Symbol: token0.ref.symbol,
    token1Symbol: token1.ref.symbol,
    fee: key.fee,
    liquidity: f.liquidity.toString(),
    token0Amount: tokenAmountOf(amount0),
    token1Amount: tokenAmountOf(amount1),
    priceRange: {
      lower: finiteOrNull(tickToPrice(key.tickLower, d0, d1)),
      upper: finiteOrNull(tickToPrice(key.tickUpper, d0, d1)),
      current: f.sqrtPriceX96 === 0n ? null : finiteOrNull(sqrtPriceX96ToPrice(f.sqrtPriceX96, d0, d1)),
    },
    isInRange: isInRange(f.tick, key.tickLower, key.tickUpper),
    token0Ref: token0.ref,
    token1Ref: token1.ref,
    amount0,
    amount1,
    fees0: f.fees0,
    fees1: f.fees1,
    isVolatilePair: !(token0.isStable && token1.isStable),
  };
};
