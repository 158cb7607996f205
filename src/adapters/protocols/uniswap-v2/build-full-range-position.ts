import type { Address } from 'viem';
import { bigintRatioToNumber } from '../../../domain/amounts/bigint-ratio-to-number';
import { tokenAmountOf } from '../../../domain/address/token-amount';
import type { UnpricedLiquidityPosition } from '../protocol-reader';
import { finiteOrNull } from '../uniswap-v3/finite-or-null';
import type { TokenInfo } from '../uniswap-v3/token-info-book';

export interface FullRangePositionFacts {
  readonly platform: string;
  readonly pair: Address;
  /** In hundredths of a bip, like a v3 fee tier (3000 = 0.3%). */
  readonly fee: number;
  readonly token0: TokenInfo;
  readonly token1: TokenInfo;
  readonly balance: bigint;
  readonly totalSupply: bigint;
  readonly reserve0: bigint;
  readonly reserve1: bigint;
}

/**
 * A Uniswap v2 LP holding: the holder's share of each reserve, rounded down (balance × reserve / totalSupply, what
 * burning the LP tokens pays before any sync). Fees are inside the reserves, so none are reported apart.
 */
export const buildFullRangePosition = (f: FullRangePositionFacts): UnpricedLiquidityPosition => {
  if (f.totalSupply === 0n) throw new RangeError(`pair ${f.pair} has no supply but a holder`);
  const amount0 = (f.balance * f.reserve0) / f.totalSupply;
  const amount1 = (f.balance * f.reserve1) / f.totalSupply;
  const d0 = f.token0.ref.decimals;
  const d1 = f.token1.ref.decimals;
  const current =
    f.reserve0 === 0n
      ? null
      : finiteOrNull(d0 >= d1 ? bigintRatioToNumber(f.reserve1 * 10n ** BigInt(d0 - d1), f.reserve0) : bigintRatioToNumber(f.reserve1, f.reserve0 * 10n ** BigInt(d1 - d0)));
  return {
    id: f.pair,
    platform: f.platform,
    kind: 'full-range',
    poolAddress: f.pair,
    token0: f.token0.address,
    token1: f.token1.address,
    token0Symbol: f.token0.ref.symbol,
    token1Symbol: f.token1.ref.symbol,
    fee: f.fee,
    liquidity: f.balance.toString(),
    token0Amount: tokenAmountOf(amount0),
    token1Amount: tokenAmountOf(amount1),
    priceRange: { lower: null, upper: null, current },
    isInRange: true,
    token0Ref: f.token0.ref,
    token1Ref: f.token1.ref,
    amount0,
    amount1,
    fees0: 0n,
    fees1: 0n,
    isVolatilePair: !(f.token0.isStable && f.token1.isStable),
  };
};
