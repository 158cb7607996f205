import { encodeFunctionData, getAddress, parseAbi, type Address } from 'viem';
import { uniswapV2FactoryAbi, uniswapV2PairAbi } from '../../../src/adapters/protocols/uniswap-v2/uniswap-v2-abis';
import { mintTokens, type Devnet, type DevnetAccount, type TokenMint } from '../devnet';
import { loadNpmArtifact } from './npm-artifact';

/** The UniswapV2Router02 functions the tests call. */
export const uniswapV2Router02Abi = parseAbi([
  'function factory() view returns (address)',
  'function WETH() view returns (address)',
  'function getAmountsOut(uint256 amountIn, address[] path) view returns (uint256[] amounts)',
  'function addLiquidityETH(address token, uint256 amountTokenDesired, uint256 amountTokenMin, uint256 amountETHMin, address to, uint256 deadline) payable returns (uint256 amountToken, uint256 amountETH, uint256 liquidity)',
  'function swapExactETHForTokens(uint256 amountOutMin, address[] path, address to, uint256 deadline) payable returns (uint256[] amounts)',
]);

/** Deploys the real UniswapV2Factory (from @uniswap/v2-core's build); returns its address. */
export const deployUniswapV2Factory = async (devnet: Devnet): Promise<Address> => {
  const { abi, bytecode } = loadNpmArtifact('@uniswap/v2-core/build/UniswapV2Factory.json');
  return devnet.deployContract(abi, bytecode, [devnet.accounts[0]?.address]);
};

/**
 * Deploys the real UniswapV2Router02 (from @uniswap/v2-periphery's build) over `factory`, with `weth` as its wrapped native
 * token. Its pair addresses come from the v2-core pair's init code hash, which the devnet's factory deploys unchanged.
 */
export const deployUniswapV2Router02 = (devnet: Devnet, factory: Address, weth: Address): Promise<Address> => {
  const { abi, bytecode } = loadNpmArtifact('@uniswap/v2-periphery/build/UniswapV2Router02.json');
  return devnet.deployContract(abi, bytecode, [factory, weth]);
};

/** factory.createPair(a, b); returns the new pair's address. */
export const createPairV2 = async (devnet: Devnet, factory: Address, tokenA: Address, tokenB: Address): Promise<Address> => {
  await devnet.sendTransaction({ to: factory, data: encodeFunctionData({ abi: uniswapV2FactoryAbi, functionName: 'createPair', args: [tokenA, tokenB] }) });
  return getAddress(await devnet.publicClient.readContract({ address: factory, abi: uniswapV2FactoryAbi, functionName: 'getPair', args: [tokenA, tokenB] }));
};

/**
 * Adds liquidity the way the router does underneath: the tokens go to the pair (`mint` puts them straight into it:
 * TestToken.mint by default; pass the Sei DeFi devnet's `mint` when a token is WSEI), then pair.mint(to) credits LP
 * tokens to `to`.
 */
export const addLiquidityV2 = async (
  devnet: Devnet,
  liquidity: { readonly pair: Address; readonly tokenA: Address; readonly amountA: bigint; readonly tokenB: Address; readonly amountB: bigint; readonly to: Address },
  mint: (mints: ReadonlyArray<TokenMint>) => Promise<void> = (mints) => mintTokens(devnet, mints),
): Promise<void> => {
  await mint([
    { token: liquidity.tokenA, to: liquidity.pair, amount: liquidity.amountA },
    { token: liquidity.tokenB, to: liquidity.pair, amount: liquidity.amountB },
  ]);
  await devnet.sendTransaction({ to: liquidity.pair, data: encodeFunctionData({ abi: uniswapV2PairAbi, functionName: 'mint', args: [liquidity.to] }) });
};

/** Swaps `amountIn` of tokenIn for the most the pair gives (0.3% fee, UniswapV2Library.getAmountOut), paid to `to`. */
export const swapV2 = async (
  devnet: Devnet,
  swap: { readonly pair: Address; readonly tokenIn: Address; readonly amountIn: bigint; readonly to: Address },
  from?: DevnetAccount,
): Promise<bigint> => {
  const client = devnet.publicClient;
  const [token0, [reserve0, reserve1]] = await Promise.all([
    client.readContract({ address: swap.pair, abi: uniswapV2PairAbi, functionName: 'token0' }),
    client.readContract({ address: swap.pair, abi: uniswapV2PairAbi, functionName: 'getReserves' }),
  ]);
  const zeroForOne = getAddress(token0) === getAddress(swap.tokenIn);
  const [reserveIn, reserveOut] = zeroForOne ? [reserve0, reserve1] : [reserve1, reserve0];
  const amountInWithFee = swap.amountIn * 997n;
  const amountOut = (amountInWithFee * reserveOut) / (reserveIn * 1000n + amountInWithFee);
  await mintTokens(devnet, [{ token: swap.tokenIn, to: swap.pair, amount: swap.amountIn }]);
  await devnet.sendTransaction(
    {
      to: swap.pair,
      data: encodeFunctionData({
        abi: uniswapV2PairAbi,
        functionName: 'swap',
        args: [zeroForOne ? 0n : amountOut, zeroForOne ? amountOut : 0n, swap.to, '0x'],
      }),
    },
    from,
  );
  return amountOut;
};
