import { parseAbi } from 'viem';

export const uniswapV3FactoryAbi = parseAbi(['function getPool(address tokenA, address tokenB, uint24 fee) view returns (address pool)']);

/**
 * Only the two leading slot0 members are declared: forks differ in the later ones (PancakeSwap's feeProtocol is a
 * uint32), and ABI decoding of a prefix of static members reads the same words whatever follows.
 */
export const uniswapV3PoolAbi = parseAbi([
  'function slot0() view returns (uint160 sqrtPriceX96, int24 tick)',
  'function liquidity() view returns (uint128 liquidity)',
  'function token0() view returns (address)',
  'function token1() view returns (address)',
  'function fee() view returns (uint24)',
  'function tickSpacing() view returns (int24)',
]);
