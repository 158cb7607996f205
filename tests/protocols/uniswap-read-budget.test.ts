import { parseUnits, size, type Address } from 'viem';
import { classifyLensError } from '../../src/adapters/chain/lens/call-portfolio-lens';
import { portfolioLensCallData } from '../../src/adapters/chain/lens/portfolio-lens-request';
import { portfolioLensSetupOf } from '../../src/adapters/chain/lens/portfolio-lens-setup';
import type { ReadPlan } from '../../src/adapters/chain/read-plan';
import { tokenBalancesPlan, type TokenBalancesResult } from '../../src/adapters/protocols/erc20/token-balances-plan';
import type { PositionsRead } from '../../src/adapters/protocols/protocol-reader';
import type { PoolKey } from '../../src/adapters/protocols/uniswap-v3/compute-pool-address';
import { makeUniswapV2Reader } from '../../src/adapters/protocols/uniswap-v2/uniswap-v2-reader';
import { makeUniswapV3Reader } from '../../src/adapters/protocols/uniswap-v3/uniswap-v3-reader';
import type { RegistryToken } from '../../src/config/sei-networks';
import { getSqrtRatioAtTick } from '../../src/domain/uniswap-v3';
import { deployTestTokens, mintTokens, MULTICALL3_ADDRESS, startDevnet, type Devnet, type DevnetAccount, type TestToken } from '../support/devnet';
import { startRpcCountingProxy, type RpcCountingProxy } from '../support/rpc-counting-proxy';
import { knownTokenLookup, makeLensPlanRunner, makePlanRunner, registryTokenOf, resultOf, testRegistry } from '../support/protocols/uniswap-read-harness';
import { addLiquidityV2, createPairV2, deployUniswapV2Factory } from '../support/protocols/uniswap-v2';
import { approveUniswapV3, createPoolV3, deployUniswapV3, mintPositionsV3, type MintPositionRequest, type UniswapV3Deployment } from '../support/protocols/uniswap-v3';

const wallets: Record<'one' | 'ten' | 'forty', Address> = {
  one: '0x00000000000000000000000000000000000a0001',
  ten: '0x00000000000000000000000000000000000a0010',
  forty: '0x00000000000000000000000000000000000a0040',
};

const positionsOf = (read: TokenBalancesResult | PositionsRead): PositionsRead => {
  if (!('liquidity' in read)) throw new Error('expected positions, got token balances');
  return read;
};

describe('read budget: tokens + DragonSwap V2 + V1 in a bounded number of HTTP requests', () => {
  let devnet: Devnet;
  let proxy: RpcCountingProxy;
  let v3: UniswapV3Deployment;
  let v2Factory: Address;
  let registry: ReadonlyArray<RegistryToken>;

  const freshReaders = () => ({
    v3: makeUniswapV3Reader({
      addresses: { factory: v3.factory, nonfungiblePositionManager: v3.positionManager, poolInitCodeHash: v3.poolInitCodeHash },
      knownToken: knownTokenLookup(registry),
      chainId: devnet.chainId,
    }),
    v2: makeUniswapV2Reader({ addresses: { factory: v2Factory }, registryTokens: registry, knownToken: knownTokenLookup(registry) }),
  });

  const plansFor = (readers: ReturnType<typeof freshReaders>, wallet: Address): ReadonlyArray<ReadPlan<TokenBalancesResult | PositionsRead>> => [
    tokenBalancesPlan({ wallet, multicallAddress: MULTICALL3_ADDRESS, nativeCoingeckoId: 'sei-network', tokens: registry.map((known) => ({ known })) }),
    readers.v3.plan(wallet),
    readers.v2.plan(wallet),
  ];

  const lensRegistry = () =>
    testRegistry(registry, {
      dragonswapV2: { factory: v3.factory, nonfungiblePositionManager: v3.positionManager, poolInitCodeHash: v3.poolInitCodeHash },
      dragonswapV1: { factory: v2Factory },
    });

  /** Reads a wallet's whole portfolio through the counting proxy (in rounds, or through the lens only); returns HTTP requests, rounds and positions found. */
  const measure = async (readers: ReturnType<typeof freshReaders>, wallet: Address, path: 'rounds' | 'lens' = 'rounds') => {
    const run = path === 'lens' ? makeLensPlanRunner(proxy.url, lensRegistry()) : makePlanRunner(proxy.url);
    proxy.reset();
    const outcome = await run(plansFor(readers, wallet), { wallet, tokens: registry.map((known) => ({ known })) });
    const v3Read = positionsOf(resultOf(outcome, 'dragonswap-v2'));
    const v2Read = positionsOf(resultOf(outcome, 'dragonswap-v1'));
    return {
      httpRequests: proxy.stats().httpRequests,
      rounds: outcome.rounds,
      concentrated: v3Read.liquidity.length,
      fullRange: v2Read.liquidity.length,
      batchSizes: proxy.stats().batchSizes,
      positions: [v3Read, v2Read],
    };
  };

  beforeAll(async () => {
    devnet = await startDevnet();
    proxy = await startRpcCountingProxy(devnet.url);
    const lp = devnet.accounts[1] as DevnetAccount;
    v3 = await deployUniswapV3(devnet);
    v2Factory = await deployUniswapV2Factory(devnet);
    const tokens = (await deployTestTokens(devnet, [
      { symbol: 'WSX', name: 'Wrapped SX', decimals: 18 },
      { symbol: 'USDX', name: 'Dollar X', decimals: 6 },
      { symbol: 'ETX', name: 'Ether X', decimals: 18 },
    ])) as [TestToken, TestToken, TestToken];
    registry = [registryTokenOf(tokens[0]), registryTokenOf(tokens[1], true), registryTokenOf(tokens[2])];
    await mintTokens(devnet, tokens.map((t) => ({ token: t.address, to: lp.address, amount: 10n ** 33n })));
    await approveUniswapV3(devnet, v3, lp, tokens.map((t) => t.address));
    const pools: PoolKey[] = [];
    for (const [a, b, fee] of [[0, 1, 3000], [0, 2, 500]] as const) {
      pools.push((await createPoolV3(devnet, v3, { tokenA: tokens[a].address, tokenB: tokens[b].address, fee, sqrtPriceX96: getSqrtRatioAtTick(0) })).key);
    }
    const mintsFor = (recipient: Address, count: number): MintPositionRequest[] =>
      Array.from({ length: count }, (_, i) => ({
        key: pools[i % pools.length] as PoolKey,
        tickLower: -600 * (i + 1),
        tickUpper: 600 * (i + 1),
        amount0Desired: 10n ** 20n,
        amount1Desired: 10n ** 20n,
        recipient,
      }));
    await mintPositionsV3(devnet, v3, lp, [...mintsFor(wallets.one, 1), ...mintsFor(wallets.ten, 10), ...mintsFor(wallets.forty, 40)]);
    const pair = await createPairV2(devnet, v2Factory, tokens[0].address, tokens[1].address);
    for (const to of Object.values(wallets)) {
      await addLiquidityV2(devnet, { pair, tokenA: tokens[0].address, amountA: parseUnits('10', 18), tokenB: tokens[1].address, amountB: parseUnits('25', 6), to });
    }
  });

  afterAll(async () => {
    await proxy.stop();
    await devnet.stop();
  });

  it('reads 1 NFT and 10 NFTs in the same 3 HTTP requests with cold caches, 2 warm', async () => {
    const oneCold = await measure(freshReaders(), wallets.one);
    const tenReaders = freshReaders();
    const tenCold = await measure(tenReaders, wallets.ten);
    expect(oneCold).toMatchObject({ httpRequests: 3, rounds: 3, concentrated: 1, fullRange: 1 });
    expect(tenCold).toMatchObject({ httpRequests: 3, rounds: 3, concentrated: 10, fullRange: 1 });
    // Round 2 carries the multicall plus one collect simulation per NFT (eth_call from the owner), in one HTTP batch.
    expect(tenCold.batchSizes).toEqual([1, 11, 1]);

    const tenWarm = await measure(tenReaders, wallets.ten);
    expect(tenWarm).toMatchObject({ httpRequests: 2, rounds: 2, concentrated: 10, fullRange: 1 });
  });

  it('needs one more request beyond 32 NFTs (the speculative tokenOfOwnerByIndex reads)', async () => {
    expect(await measure(freshReaders(), wallets.forty)).toMatchObject({ httpRequests: 4, rounds: 4, concentrated: 40, fullRange: 1 });
  });

  it('through the lens, the answers come back as the returned code while they fit in 24,576 bytes, as revert data beyond', async () => {
    const channel = async (wallet: Address) => {
      const data = portfolioLensCallData(portfolioLensSetupOf(lensRegistry(), MULTICALL3_ADDRESS), { wallet, tokens: registry.map((known) => ({ known })) });
      try {
        return { returned: size((await devnet.publicClient.call({ data })).data ?? '0x') };
      } catch (error) {
        const result = classifyLensError(error);
        return { reverted: result.kind === 'answered' ? result.answers.byKey.size : result.kind };
      }
    };
    const [one, forty] = [await channel(wallets.one), await channel(wallets.forty)];
    expect(one.returned).toBeLessThanOrEqual(24_576);
    // 40 NFTs: tokenOfOwnerByIndex, positions and collect each, and the rest.
    expect(forty.reverted).toBeGreaterThan(3 * 40);
  });

  it('through the lens: 1, 10 and 40 NFTs in ONE HTTP request each, cold and warm, with the positions the rounds find', async () => {
    for (const wallet of [wallets.one, wallets.ten, wallets.forty]) {
      const inRounds = await measure(freshReaders(), wallet);
      const readers = freshReaders();
      const cold = await measure(readers, wallet, 'lens');
      const warm = await measure(readers, wallet, 'lens');
      expect([cold.httpRequests, cold.rounds, cold.batchSizes, warm.httpRequests, warm.batchSizes]).toEqual([1, 1, [1], 1, [1]]);
      expect(cold.positions).toEqual(inRounds.positions);
      expect(warm.positions).toEqual(inRounds.positions);
    }
  });
});
