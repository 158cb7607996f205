import { parseAbi } from 'viem';

// The DragonSwap contract functions the swap planner reads and encodes (Uniswap V3 / V2 and SwapRouter02 ABIs).

export const v2FactoryGetPoolAbi = parseAbi(['function getPool(address tokenA, address tokenB, uint24 fee) view returns (address pool)']);

export const v1FactoryGetPairAbi = parseAbi(['function getPair(address tokenA, address tokenB) view returns (address pair)']);

/** Only slot0's leading member is declared: forks differ in the later ones, and a prefix of static members decodes the same. */
export const v2PoolSlot0Abi = parseAbi(['function slot0() view returns (uint160 sqrtPriceX96)']);

export const v1PairReservesAbi = parseAbi(['function getReserves() view returns (uint112 reserve0, uint112 reserve1, uint32 blockTimestampLast)']);

/** QuoterV2 quotes by running the swap and reverting inside; called with eth_call it returns the amounts. */
export const quoterV2Abi = parseAbi([
  'struct QuoteExactInputSingleParams { address tokenIn; address tokenOut; uint256 amountIn; uint24 fee; uint160 sqrtPriceLimitX96; }',
  'function quoteExactInputSingle(QuoteExactInputSingleParams params) returns (uint256 amountOut, uint160 sqrtPriceX96After, uint32 initializedTicksCrossed, uint256 gasEstimate)',
]);

export const balanceOfAbi = parseAbi(['function balanceOf(address owner) view returns (uint256)']);

/** Multicall3's native balance read, so the wallet's SEI is read in the same eth_call as the pools. */
export const getEthBalanceAbi = parseAbi(['function getEthBalance(address addr) view returns (uint256 balance)']);

/** SwapRouter02 (IV3SwapRouter has no deadline in its params; IV2SwapRouter routes over the V1 pairs of its factoryV2). */
export const swapRouter02Abi = parseAbi([
  'struct ExactInputSingleParams { address tokenIn; address tokenOut; uint24 fee; address recipient; uint256 amountIn; uint256 amountOutMinimum; uint160 sqrtPriceLimitX96; }',
  'function exactInputSingle(ExactInputSingleParams params) payable returns (uint256 amountOut)',
  'struct ExactInputParams { bytes path; address recipient; uint256 amountIn; uint256 amountOutMinimum; }',
  'function exactInput(ExactInputParams params) payable returns (uint256 amountOut)',
  'function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to) payable returns (uint256 amountOut)',
  'function unwrapWETH9(uint256 amountMinimum, address recipient) payable',
  'function multicall(bytes[] data) payable returns (bytes[] results)',
  'function factoryV2() view returns (address)',
]);
