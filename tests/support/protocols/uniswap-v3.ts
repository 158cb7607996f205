import { encodeFunctionData, keccak256, maxUint256, parseAbi, parseEventLogs, type Address, type Hex, type PublicClient, type TransactionReceipt } from 'viem';
import { deployContractsTogether, type Devnet, type DevnetAccount } from '../devnet';
import { testTokenAbi } from '../devnet/test-tokens';
import { toPoolKey, type PoolKey } from '../../../src/adapters/protocols/uniswap-v3/compute-pool-address';
import { uniswapV3FactoryAbi } from '../../../src/adapters/protocols/uniswap-v3/uniswap-v3-abis';
import { nonfungiblePositionManagerAbi } from '../../../src/domain/uniswap-v3/nonfungible-position-manager-abi';
import { MAX_UINT128 } from '../../../src/domain/uniswap-v3';
import { loadNpmArtifact } from './npm-artifact';
import { deployWrappedNative } from './wrapped-native';

/** The real Uniswap v3 contracts (from @uniswap/v3-core and v3-periphery artifacts) deployed on a devnet. */
export interface UniswapV3Deployment {
  readonly factory: Address;
  readonly positionManager: Address;
  /** The original SwapRouter (SwapRouter02, which also routes through v2 pairs, is deployed with the v2 factory: see deploySwapRouter02). */
  readonly swapRouter: Address;
  readonly quoterV2: Address;
  /** The periphery's WETH9: a real wrapped native token (deposit/withdraw), WSEI on Sei. */
  readonly weth9: Address;
  /** keccak256 of the UniswapV3Pool creation code the factory deploys: the registry's poolInitCodeHash. */
  readonly poolInitCodeHash: Hex;
}

export const swapRouterAbi = parseAbi([
  'struct ExactInputSingleParams { address tokenIn; address tokenOut; uint24 fee; address recipient; uint256 deadline; uint256 amountIn; uint256 amountOutMinimum; uint160 sqrtPriceLimitX96; }',
  'function exactInputSingle(ExactInputSingleParams params) payable returns (uint256 amountOut)',
]);

/** QuoterV2's single-pool quote (not a view: call it with eth_call / simulateContract). */
export const quoterV2Abi = parseAbi([
  'struct QuoteExactInputSingleParams { address tokenIn; address tokenOut; uint256 amountIn; uint24 fee; uint160 sqrtPriceLimitX96; }',
  'function quoteExactInputSingle(QuoteExactInputSingleParams params) returns (uint256 amountOut, uint160 sqrtPriceX96After, uint32 initializedTicksCrossed, uint256 gasEstimate)',
]);

const FAR_DEADLINE = 2n ** 64n;
// The position manager keeps the descriptor address for tokenURI only, which tests never call.
const NO_DESCRIPTOR: Address = '0x000000000000000000000000000000000000dEaD';
// A fresh mint (new ticks initialised, NFT storage) stays under 600k gas; fixed gas lets mints be mined together.
const MINT_GAS = 1_000_000n;

const V3_ARTIFACTS = {
  factory: '@uniswap/v3-core/artifacts/contracts/UniswapV3Factory.sol/UniswapV3Factory.json',
  pool: '@uniswap/v3-core/artifacts/contracts/UniswapV3Pool.sol/UniswapV3Pool.json',
  positionManager: '@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json',
  swapRouter: '@uniswap/v3-periphery/artifacts/contracts/SwapRouter.sol/SwapRouter.json',
  quoterV2: '@uniswap/v3-periphery/artifacts/contracts/lens/QuoterV2.sol/QuoterV2.json',
} as const;

/**
 * Deploys UniswapV3Factory, NonfungiblePositionManager, SwapRouter and QuoterV2 (real bytecode, unmodified), with
 * `weth9` as the periphery's wrapped native token (default: a new WETH9 named WSEI).
 */
export const deployUniswapV3 = async (devnet: Devnet, options: { readonly weth9?: Address } = {}): Promise<UniswapV3Deployment> => {
  const artifact = (name: keyof typeof V3_ARTIFACTS) => loadNpmArtifact(V3_ARTIFACTS[name]);
  const weth9 = options.weth9 ?? (await deployWrappedNative(devnet)).address;
  const factoryArtifact = artifact('factory');
  const factory = await devnet.deployContract(factoryArtifact.abi, factoryArtifact.bytecode);
  const [positionManager, swapRouter, quoterV2] = await deployContractsTogether(devnet, [
    { ...artifact('positionManager'), args: [factory, weth9, NO_DESCRIPTOR] },
    { ...artifact('swapRouter'), args: [factory, weth9] },
    { ...artifact('quoterV2'), args: [factory, weth9] },
  ]);
  if (positionManager === undefined || swapRouter === undefined || quoterV2 === undefined) throw new Error('Uniswap v3 periphery was not deployed');
  return { factory, positionManager, swapRouter, quoterV2, weth9, poolInitCodeHash: keccak256(artifact('pool').bytecode) };
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
