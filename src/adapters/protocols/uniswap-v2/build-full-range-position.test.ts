import fc from 'fast-check';
import { baseUnits, uint112Reserve } from '../../../../tests/support/arbitraries';
import type { TokenInfo } from '../uniswap-v3/token-info-book';
import { buildFullRangePosition, type FullRangePositionFacts } from './build-full-range-position';
import type { TokenAddress } from '../../../domain/address/token-address';
import { tokenAddress } from '../../../../tests/support/brands';

const A = tokenAddress('0x1000000000000000000000000000000000000001');
const B = tokenAddress('0x2000000000000000000000000000000000000002');
const info = (address: TokenAddress, symbol: string, decimals: number, isStable = false): TokenInfo => ({
  address,
  ref: { key: address, address, symbol, decimals, coingeckoId: null },
  isStable,
});

const facts = (over: Partial<FullRangePositionFacts> = {}): FullRangePositionFacts => ({
  platform: 'DragonSwap V1',
  pair: '0x3000000000000000000000000000000000000003',
  fee: 3000,
  token0: info(A, 'WSEI', 18),
  token1: info(B, 'USDC', 6, true),
  balance: 250n,
  totalSupply: 1000n,
  reserve0: 4_000_000_000_000_000_003n,
  reserve1: 1_200_001n,
  ...over,
});

describe('buildFullRangePosition', () => {
  it('gives a quarter of the supply a quarter of each reserve, rounded down', () => {
    const p = buildFullRangePosition(facts());
    expect([p.amount0, p.amount1]).toEqual([1_000_000_000_000_000_000n, 300_000n]);
    expect(p).toMatchObject({ id: facts().pair, kind: 'full-range', liquidity: '250', token0Amount: '1000000000000000000', token1Amount: '300000' });
    expect(p).toMatchObject({ isInRange: true, fees0: 0n, fees1: 0n, isVolatilePair: true, priceRange: { lower: null, upper: null } });
  });

  it('prices token0 in token1 from the reserves, in whole units', () => {
    // 4 WSEI against 1.200001 USDC: 0.30000025 USDC per WSEI (to within the 3-wei dust).
    expect(buildFullRangePosition(facts()).priceRange.current).toBeCloseTo(0.30000025, 12);
    expect(buildFullRangePosition(facts({ reserve0: 0n })).priceRange.current).toBeNull();
  });

  it('is the floor of balance × reserve / supply, never more than the share of the reserves', () => {
    fc.assert(
      fc.property(baseUnits(112, 1n), uint112Reserve, uint112Reserve, (supply, r0, r1) => {
        const balance = supply / 3n;
        const p = buildFullRangePosition(facts({ totalSupply: supply, balance, reserve0: r0, reserve1: r1 }));
        expect(p.amount0 * supply <= balance * r0 && balance * r0 < (p.amount0 + 1n) * supply).toBe(true);
        expect(p.amount1 * supply <= balance * r1 && balance * r1 < (p.amount1 + 1n) * supply).toBe(true);
        expect(p.amount0 * 3n <= r0).toBe(true);
      }),
    );
  });
});
