import { parseAbi, type Address } from 'viem';
import type { Devnet } from '../devnet';
import { loadNpmArtifact } from './npm-artifact';

/** The parts of SwapRouter02 (IV3SwapRouter: no deadline in the params; deadlines go through multicall) the tests call. */
export const swapRouter02Abi = parseAbi([
  'struct ExactInputSingleParams { address tokenIn; address tokenOut; uint24 fee; address recipient; uint256 amountIn; uint256 amountOutMinimum; uint160 sqrtPriceLimitX96; }',
  'function exactInputSingle(ExactInputSingleParams params) payable returns (uint256 amountOut)',
  'function swapExactTokensForTokens(uint256 amountIn, uint256 amountOutMin, address[] path, address to) payable returns (uint256 amountOut)',
  'function factory() view returns (address)',
  'function factoryV2() view returns (address)',
  'function positionManager() view returns (address)',
  'function WETH9() view returns (address)',
]);

/**
 * Deploys SwapRouter02 from @uniswap/swap-router-contracts (real bytecode): one router over the v2 pairs of `factoryV2`
 * (DragonSwap V1) and the v3 pools of `factoryV3` (DragonSwap V2), paying and unwrapping the native coin through `weth9`.
 */
export const deploySwapRouter02 = (
  devnet: Devnet,
  addresses: { readonly factoryV2: Address; readonly factoryV3: Address; readonly positionManager: Address; readonly weth9: Address },
): Promise<Address> => {
  const { abi, bytecode } = loadNpmArtifact('@uniswap/swap-router-contracts/artifacts/contracts/SwapRouter02.sol/SwapRouter02.json');
  return devnet.deployContract(abi, bytecode, [addresses.factoryV2, addresses.factoryV3, addresses.positionManager, addresses.weth9]);
};
