import { getSqrtRatioAtTick, Q96 } from '../../../domain/uniswap-v3';
import { buildConcentratedPosition, type ConcentratedPositionFacts } from './build-concentrated-position';
import type { TokenInfo } from './token-info-book';
import type { TokenAddress } from '../../../domain/address/token-address';
import { tokenAddress } from '../../../../tests/support/brands';

const A = tokenAddress('0x1000000000000000000000000000000000000001');
const B = tokenAddress('0x2000000000000000000000000000000000000002');
const info = (address: TokenAddress, symbol: string, decimals: number, isStable: boolean): TokenInfo => ({
  address,
  ref: { key: address, address, symbol, decimals, coingeckoId: null },
  isStable,
});

const facts = (over: Partial<ConcentratedPositionFacts> = {}): ConcentratedPositionFacts => ({
  tokenId: 42n,
  platform: 'DragonSwap V2',
  poolAddress: '0x3000000000000000000000000000000000000003',
  key: { token0: A, token1: B, fee: 3000, tickLower: -600, tickUpper: 600 },
  liquidity: 10n ** 18n,
  fees0: 5n,
  fees1: 7n,
  sqrtPriceX96: Q96,
  tick: 0,
  token0: info(A, 'AAA', 18, false),
  token1: info(B, 'BBB', 18, false),
  ...over,
});

describe('buildConcentratedPosition', () => {
  it('at price 1 inside a symmetric range holds L·(1 − 1.0001^−300) of each token', () => {
    const p = buildConcentratedPosition(facts());
    // Hand-worked: amount0 = L·(1/√P − 1/√Pu) and amount1 = L·(√P − √Pl) with P = 1, √Pu = 1/√Pl = 1.0001^300.
    expect(Number(p.amount0) / 1e18).toBeCloseTo(1 - 1.0001 ** -300, 12);
    expect(Number(p.amount1) / 1e18).toBeCloseTo(1 - 1.0001 ** -300, 12);
    expect(p.token0Amount).toBe(p.amount0.toString());
    expect(p).toMatchObject({ id: '42', kind: 'concentrated', fee: 3000, liquidity: '1000000000000000000', isInRange: true, fees0: 5n, fees1: 7n });
    expect(p.priceRange.current).toBe(1);
    expect(p.priceRange.lower).toBeCloseTo(1.0001 ** -600, 12);
    expect(p.priceRange.upper).toBeCloseTo(1.0001 ** 600, 12);
  });

  it('counts the lower tick in range and the upper tick out of range', () => {
    const atLower = buildConcentratedPosition(facts({ tick: -600, sqrtPriceX96: getSqrtRatioAtTick(-600) }));
    expect(atLower.isInRange).toBe(true);
    // At exactly the lower bound the position is all token0, as the pool computes it.
    expect(atLower.amount1).toBe(0n);
    const atUpper = buildConcentratedPosition(facts({ tick: 600, sqrtPriceX96: getSqrtRatioAtTick(600) }));
    expect(atUpper.isInRange).toBe(false);
    expect(atUpper.amount0).toBe(0n);
  });

  it('adjusts prices for decimals: token1 per token0 in whole units', () => {
    const p = buildConcentratedPosition(facts({ token0: info(A, 'WETH', 18, false), token1: info(B, 'USDC', 6, true) }));
    expect(p.priceRange.current).toBe(1e12);
  });

  it('marks a pair of two stablecoins as not volatile', () => {
    expect(buildConcentratedPosition(facts({ token0: info(A, 'USDC', 6, true), token1: info(B, 'USDT', 6, true) })).isVolatilePair).toBe(false);
    expect(buildConcentratedPosition(facts({ token0: info(A, 'USDC', 6, true) })).isVolatilePair).toBe(true);
  });
});
