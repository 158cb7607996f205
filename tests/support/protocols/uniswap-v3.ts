import { encodeFunctionData, keccak256, maxUint256, parseAbi, parseEventLogs, type Address, type Hex, type PublicClient, type TransactionReceipt } from 'viem';
import { deployTestTokens, type Devnet, type DevnetAccount } from '../devnet';
import { testTokenAbi } from '../devnet/test-tokens';
import { toPoolKey, type PoolKey } from '../../../src/adapters/protocols/uniswap-v3/compute-pool-address';
import { nonfungiblePositionManagerAbi, uniswapV3FactoryAbi } from '../../../src/adapters/protocols/uniswap-v3/uniswap-v3-abis';
import { MAX_UINT128 } from '../../../src/domain/uniswap-v3';
import { loadNpmArtifact } from './uniswap-npm-artifact';

/** The real Uniswap v3 contracts (from @uniswap/v3-core and v3-periphery artifacts) deployed on a devnet. */
export interface UniswapV3Deployment {
  readonly factory: Address;
  readonly positionManager: Address;
  readonly swapRouter: Address;
  /** A TestToken standing in for WETH9 (only used by the periphery for native-coin payments, which tests never make). */
  readonly weth9: Address;
  /** keccak256 of the UniswapV3Pool creation code the factory deploys: the registry's poolInitCodeHash. */
  readonly poolInitCodeHash: Hex;
}

export const swapRouterAbi = parseAbi([
  'struct ExactInputSingleParams { address tokenIn; address tokenOut; uint24 fee; address recipient; uint256 deadline; uint256 amountIn; uint256 amountOutMinimum; uint160 sqrtPriceLimitX96; }',
  'function exactInputSingle(ExactInputSingleParams params) payable returns (uint256 amountOut)',
]);

const FAR_DEADLINE = 2n ** 64n;
// The position manager keeps the descriptor address for tokenURI only, which tests never call.
const NO_DESCRIPTOR: Address = '0x000000000000000000000000000000000000dEaD';
// A fresh mint (new ticks initialised, NFT storage) stays under 600k gas; fixed gas lets mints be mined together.
const MINT_GAS = 1_000_000n;

/** Deploys UniswapV3Factory, NonfungiblePositionManager and SwapRouter (real bytecode, unmodified). */
export const deployUniswapV3 = async (devnet: Devnet): Promise<UniswapV3Deployment> => {
  const factoryArtifact = loadNpmArtifact('@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json');
  const poolArtifact = loadNpmArtifact('@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json');
  const npmArtifact = loadNpmArtifact('@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json');
  const routerArtifact = loadNpmArtifact('@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json');
  const [weth] = await deployTestTokens(devnet, [{ symbol: 'WETH9', name: 'Wrapped Ether (devnet)', decimals: 18 }]);
  if (weth === undefined) throw new Error('WETH9 stand-in was not deployed');
  const factory = await devnet.deployContract(factoryArtifact.abi, factoryArtifact.bytecode);
  const positionManager = await devnet.deployContract(npmArtifact.abi, npmArtifact.bytecode, [factory, weth.address, NO_DESCRIPTOR]);
  const swapRouter = await devnet.deployContract(routerArtifact.abi, routerArtifact.bytecode, [factory, weth.address]);
  return { factory, positionManager, swapRouter, weth9: weth.address, poolInitCodeHash: keccak256(poolArtifact.bytecode) };
};

/** Approves the position manager and the router to spend every given token of `account`, without limit. */
export const approveUniswapV3 = async (devnet: Devnet, v3: UniswapV3Deployment, account: DevnetAccount, tokens: ReadonlyArray<Address>): Promise<void> => {
  await devnet.sendTransactionsTogether(
    tokens.flatMap((token) =>
      [v3.positionManager, v3.swapRouter].map((spender) => ({
        to: token,
        data: encodeFunctionData({ abi: testTokenAbi, functionName: 'approve', args: [spender, maxUint256] }),
      })),
    ),
    account,
  );
};

/** Creates and initialises the pool of two tokens at a sqrt price (Q64.96, token1 per token0); returns its key and address. */
export const createPoolV3 = async (
  devnet: Devnet,
  v3: UniswapV3Deployment,
  pool: { readonly tokenA: Address; readonly tokenB: Address; readonly fee: number; readonly sqrtPriceX96: bigint },
): Promise<{ readonly key: PoolKey; readonly address: Address }> => {
  const key = toPoolKey(pool.tokenA, pool.tokenB, pool.fee);
  await devnet.sendTransaction({
    to: v3.positionManager,
    data: encodeFunctionData({
      abi: nonfungiblePositionManagerAbi,
      functionName: 'createAndInitializePoolIfNecessary',
      args: [key.token0, key.token1, key.fee, pool.sqrtPriceX96],
    }),
  });
  const address = await devnet.publicClient.readContract({ address: v3.factory, abi: uniswapV3FactoryAbi, functionName: 'getPool', args: [key.token0, key.token1, key.fee] });
  return { key, address };
};

export interface MintPositionRequest {
  readonly key: PoolKey;
  readonly tickLower: number;
  readonly tickUpper: number;
  readonly amount0Desired: bigint;
  readonly amount1Desired: bigint;
  /** Who receives the NFT; default the sender. */
  readonly recipient?: Address;
}

export interface MintedPosition {
  readonly tokenId: bigint;
  readonly liquidity: bigint;
  readonly amount0: bigint;
  readonly amount1: bigint;
}

const mintData = (request: MintPositionRequest, sender: Address): Hex =>
  encodeFunctionData({
    abi: nonfungiblePositionManagerAbi,
    functionName: 'mint',
    args: [
      {
        token0: request.key.token0,
        token1: request.key.token1,
        fee: request.key.fee,
        tickLower: request.tickLower,
        tickUpper: request.tickUpper,
        amount0Desired: request.amount0Desired,
        amount1Desired: request.amount1Desired,
        amount0Min: 0n,
        amount1Min: 0n,
        recipient: request.recipient ?? sender,
        deadline: FAR_DEADLINE,
      },
    ],
  });

const mintedIn = (receipt: TransactionReceipt): MintedPosition => {
  const [event] = parseEventLogs({ abi: nonfungiblePositionManagerAbi, eventName: 'IncreaseLiquidity', logs: receipt.logs });
  if (event === undefined) throw new Error(`mint ${receipt.transactionHash} emitted no IncreaseLiquidity`);
  return event.args;
};

/**
 * Mints positions through the position manager, all mined together (the sender needs the tokens and
 * approveUniswapV3). Returns each new NFT's id and what the pool charged, in request order.
 */
export const mintPositionsV3 = async (
  devnet: Devnet,
  v3: UniswapV3Deployment,
  from: DevnetAccount,
  requests: ReadonlyArray<MintPositionRequest>,
): Promise<ReadonlyArray<MintedPosition>> => {
  const receipts = await devnet.sendTransactionsTogether(
    requests.map((request) => ({ to: v3.positionManager, data: mintData(request, from.address), gas: MINT_GAS })),
    from,
  );
  return receipts.map(mintedIn);
};

/** Swaps exactly `amountIn` of tokenIn (or less, if the price reaches sqrtPriceLimitX96 first) through SwapRouter. */
export const swapExactInputV3 = async (
  devnet: Devnet,
  v3: UniswapV3Deployment,
  from: DevnetAccount,
  swap: { readonly tokenIn: Address; readonly tokenOut: Address; readonly fee: number; readonly amountIn: bigint; readonly sqrtPriceLimitX96?: bigint },
): Promise<void> => {
  await devnet.sendTransaction(
    {
      to: v3.swapRouter,
      data: encodeFunctionData({
        abi: swapRouterAbi,
        functionName: 'exactInputSingle',
        args: [
          {
            tokenIn: swap.tokenIn,
            tokenOut: swap.tokenOut,
            fee: swap.fee,
            recipient: from.address,
            deadline: FAR_DEADLINE,
            amountIn: swap.amountIn,
            amountOutMinimum: 0n,
            sqrtPriceLimitX96: swap.sqrtPriceLimitX96 ?? 0n,
          },
        ],
      }),
    },
    from,
  );
};

/** Removes all of a position's liquidity and collects everything owed: the NFT stays, closed. */
export const closePositionV3 = async (devnet: Devnet, v3: UniswapV3Deployment, owner: DevnetAccount, tokenId: bigint, liquidity: bigint): Promise<void> => {
  await devnet.sendTransaction(
    {
      to: v3.positionManager,
      data: encodeFunctionData({
        abi: nonfungiblePositionManagerAbi,
        functionName: 'decreaseLiquidity',
        args: [{ tokenId, liquidity, amount0Min: 0n, amount1Min: 0n, deadline: FAR_DEADLINE }],
      }),
    },
    owner,
  );
  await devnet.sendTransaction(
    {
      to: v3.positionManager,
      data: encodeFunctionData({
        abi: nonfungiblePositionManagerAbi,
        functionName: 'collect',
        args: [{ tokenId, recipient: owner.address, amount0Max: MAX_UINT128, amount1Max: MAX_UINT128 }],
      }),
    },
    owner,
  );
};

/** What NonfungiblePositionManager.decreaseLiquidity would return now for `liquidity`, simulated as the owner at `blockNumber`. */
export const simulateDecreaseLiquidity = async (
  client: PublicClient,
  v3: UniswapV3Deployment,
  at: { readonly owner: Address; readonly tokenId: bigint; readonly liquidity: bigint; readonly blockNumber: bigint },
): Promise<{ readonly amount0: bigint; readonly amount1: bigint }> => {
  const { result } = await client.simulateContract({
    address: v3.positionManager,
    abi: nonfungiblePositionManagerAbi,
    functionName: 'decreaseLiquidity',
    args: [{ tokenId: at.tokenId, liquidity: at.liquidity, amount0Min: 0n, amount1Min: 0n, deadline: FAR_DEADLINE }],
    account: at.owner,
    blockNumber: at.blockNumber,
  });
  return { amount0: result[0], amount1: result[1] };
};

/** What NonfungiblePositionManager.collect (everything owed) would pay now, simulated as the owner at `blockNumber`. */
export const simulateCollect = async (
  client: PublicClient,
  v3: UniswapV3Deployment,
  at: { readonly owner: Address; readonly tokenId: bigint; readonly blockNumber: bigint },
): Promise<{ readonly amount0: bigint; readonly amount1: bigint }> => {
  const { result } = await client.simulateContract({
    address: v3.positionManager,
    abi: nonfungiblePositionManagerAbi,
    functionName: 'collect',
    args: [{ tokenId: at.tokenId, recipient: at.owner, amount0Max: MAX_UINT128, amount1Max: MAX_UINT128 }],
    account: at.owner,
    blockNumber: at.blockNumber,
  });
  return { amount0: result[0], amount1: result[1] };
};
