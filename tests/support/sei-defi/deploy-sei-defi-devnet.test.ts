import * as E from 'fp-ts/Either';
import { encodeFunctionData, erc20Abi, getAddress, maxUint256, parseAbi, parseEther, zeroAddress, type Address } from 'viem';
import { aaveV3OracleAbi, aaveV3PoolAbi, aaveV3ProtocolDataProviderAbi } from '../../../src/adapters/protocols/aave-v3';
import { getSqrtRatioAtTick } from '../../../src/domain/uniswap-v3';
import { loadRegistry } from '../../../src/config/registry';
import { writeRegistryFile } from '../app/chain-harness';
import { freshAccount, MULTICALL3_ADDRESS, startDevnet, type Devnet, type DevnetAccount } from '../devnet';
import { STABLECOIN_RATE_STRATEGY } from '../protocols/aave-v3-rate-strategies';
import { AAVE_BASE_CURRENCY_UNIT } from '../protocols/deploy-aave-v3-core';
import { swapRouter02Abi } from '../protocols/swap-router-02';
import { uniswapV2Router02Abi } from '../protocols/uniswap-v2';
import { uniswapV2FactoryAbi } from '../../../src/adapters/protocols/uniswap-v2/uniswap-v2-abis';
import { approveUniswapV3, createPoolV3, mintPositionsV3, quoterV2Abi } from '../protocols/uniswap-v3';
import { wrappedNativeAbi } from '../protocols/wrapped-native';
import { deploySeiDefiDevnet, type SeiDefiDevnet } from './deploy-sei-defi-devnet';
import { SEI_DEFI_RESERVES } from './sei-defi-reserves';

jest.setTimeout(120_000);

const aclAbi = parseAbi(['function isPoolAdmin(address) view returns (bool)', 'function isRiskAdmin(address) view returns (bool)']);
const poolMetaAbi = parseAbi(['function POOL_REVISION() view returns (uint256)', 'function ADDRESSES_PROVIDER() view returns (address)']);
const strategyAbi = parseAbi(['function OPTIMAL_USAGE_RATIO() view returns (uint256)', 'function getVariableRateSlope1() view returns (uint256)', 'function getVariableRateSlope2() view returns (uint256)']);

const FAR_DEADLINE = 2n ** 64n;

describe('the Sei DeFi devnet builder', () => {
  let devnet: Devnet;
  let defi: SeiDefiDevnet;
  let lp: DevnetAccount;
  let trader: DevnetAccount;

  const read: Devnet['publicClient']['readContract'] = (parameters) => devnet.publicClient.readContract(parameters);
  const balanceOf = (token: Address, owner: Address) => read({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });

  beforeAll(async () => {
    devnet = await startDevnet();
    defi = await deploySeiDefiDevnet(devnet);
    const [, account] = devnet.accounts;
    if (account === undefined) throw new Error('devnet needs 2 accounts');
    lp = account;
    trader = freshAccount(devnet);
    await devnet.setBalance(trader.address, parseEther('100'));
  });

  afterAll(async () => {
    await devnet?.stop();
  });

  it('returns a registry the app loads as it is (wrapped native, routers and quoter included), every address of it holding a contract', async () => {
    const file = writeRegistryFile(defi.registry);
    try {
      const registry = loadRegistry({
        network: 'custom',
        chainId: devnet.chainId,
        rpcUrls: [devnet.url],
        multicall3Address: MULTICALL3_ADDRESS,
        rpcTimeoutMs: 5_000,
        rpcRetryCount: 0,
        configFile: file.file,
        maxExtraTokens: 0,
        portfolioLens: false,
      });
      if (E.isLeft(registry)) throw new Error(registry.left);
      expect(registry.right.tokens.map((t) => [t.symbol, t.decimals, t.isStable])).toEqual([
        ['WSEI', 18, false],
        ['USDC', 6, true],
        ['WETH', 18, false],
        ['WBTC', 8, false],
        ['USDT0', 6, true],
      ]);
      expect(registry.right.protocols).toEqual(defi.registry.protocols);
      expect(registry.right.wrappedNative).toBe(defi.wrappedNative.address);
    } finally {
      file.remove();
    }
    const { yei, dragonswapV2, dragonswapV1 } = defi.registry.protocols;
    const addresses = [
      ...defi.registry.tokens.map((t) => t.address),
      ...Object.values(yei),
      dragonswapV2.factory,
      dragonswapV2.nonfungiblePositionManager,
      dragonswapV2.swapRouter02,
      dragonswapV2.quoterV2,
      dragonswapV1.factory,
      dragonswapV1.router,
    ];
    const codes = await Promise.all(addresses.map((address) => devnet.publicClient.getCode({ address })));
    expect(codes.filter((code) => code === undefined || code.length <= 2)).toEqual([]);
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(defi.registry.wrappedNative).toBe(defi.token('WSEI').address);
  });

  it('wraps and unwraps native SEI through WSEI, a real WETH9 whose supply is the SEI it holds', async () => {
    const wsei = defi.wrappedNative.address;
    expect(wsei).toBe(defi.token('WSEI').address);
    expect([await read({ address: wsei, abi: erc20Abi, functionName: 'name' }), await read({ address: wsei, abi: erc20Abi, functionName: 'symbol' }), await read({ address: wsei, abi: erc20Abi, functionName: 'decimals' })]).toEqual(['Wrapped SEI', 'WSEI', 18]);
    const holder = freshAccount(devnet);
    await devnet.setBalance(holder.address, parseEther('10'));
    const deposit = await devnet.sendTransaction({ to: wsei, value: parseEther('4'), data: encodeFunctionData({ abi: wrappedNativeAbi, functionName: 'deposit' }) }, holder);
    const withdraw = await devnet.sendTransaction({ to: wsei, data: encodeFunctionData({ abi: wrappedNativeAbi, functionName: 'withdraw', args: [parseEther('1.5')] }) }, holder);
    const gas = [deposit, withdraw].reduce((sum, r) => sum + r.gasUsed * r.effectiveGasPrice, 0n);

    expect(await balanceOf(wsei, holder.address)).toBe(parseEther('2.5'));
    expect(await devnet.publicClient.getBalance({ address: holder.address })).toBe(parseEther('7.5') - gas);
    expect(await read({ address: wsei, abi: erc20Abi, functionName: 'totalSupply' })).toBe(await devnet.publicClient.getBalance({ address: wsei }));
  });

  it('lists every token on the real Aave v3 pool in order, with the configured risk parameters, prices, rate strategy and roles', async () => {
    const { yei } = defi;
    const specs = SEI_DEFI_RESERVES;
    expect(await read({ address: yei.pool, abi: aaveV3PoolAbi, functionName: 'getReservesList' })).toEqual(defi.tokens.map((t) => t.address));
    expect([await read({ address: yei.pool, abi: poolMetaAbi, functionName: 'POOL_REVISION' }), await read({ address: yei.pool, abi: poolMetaAbi, functionName: 'ADDRESSES_PROVIDER' })]).toEqual([
      1n,
      yei.poolAddressesProvider,
    ]);
    for (const spec of specs) {
      const asset = defi.token(spec.symbol).address;
      const configuration = await read({ address: yei.dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getReserveConfigurationData', args: [asset] });
      expect(configuration).toEqual([
        BigInt(spec.decimals),
        BigInt(spec.ltvBps),
        BigInt(spec.liquidationThresholdBps),
        BigInt(spec.liquidationBonusBps ?? 0),
        BigInt(spec.reserveFactorBps ?? 0),
        true,
        true,
        spec.isStableBorrowEnabled ?? false,
        true,
        false,
      ]);
      expect(await read({ address: yei.oracle, abi: aaveV3OracleAbi, functionName: 'getAssetPrice', args: [asset] })).toBe(BigInt(Math.round(spec.usd * 1e8)));
      const reserve = yei.reserve(spec.symbol);
      expect(await read({ address: reserve.aToken, abi: erc20Abi, functionName: 'symbol' })).toBe(`a${spec.symbol}`);
      expect(await read({ address: reserve.variableDebtToken, abi: erc20Abi, functionName: 'decimals' })).toBe(spec.decimals);
    }
    expect(await read({ address: yei.oracle, abi: aaveV3OracleAbi, functionName: 'BASE_CURRENCY_UNIT' })).toBe(AAVE_BASE_CURRENCY_UNIT);
    const usdcStrategy = yei.reserve('USDC').interestRateStrategy;
    expect([
      await read({ address: usdcStrategy, abi: strategyAbi, functionName: 'OPTIMAL_USAGE_RATIO' }),
      await read({ address: usdcStrategy, abi: strategyAbi, functionName: 'getVariableRateSlope1' }),
      await read({ address: usdcStrategy, abi: strategyAbi, functionName: 'getVariableRateSlope2' }),
    ]).toEqual([STABLECOIN_RATE_STRATEGY.optimalUsageRatio, STABLECOIN_RATE_STRATEGY.variableRateSlope1, STABLECOIN_RATE_STRATEGY.variableRateSlope2]);
    // USDC and USDT0 share one strategy contract; the volatile assets another.
    expect(new Set(yei.reserves.map((r) => r.interestRateStrategy)).size).toBe(2);
    expect([await read({ address: yei.core.aclManager, abi: aclAbi, functionName: 'isPoolAdmin', args: [yei.core.admin.address] }), await read({ address: yei.core.aclManager, abi: aclAbi, functionName: 'isRiskAdmin', args: [lp.address] })]).toEqual([true, false]);

    const snapshot = await devnet.snapshot();
    try {
      await yei.setAssetPrice(defi.token('WETH').address, 2_500n * AAVE_BASE_CURRENCY_UNIT);
      expect(await read({ address: yei.oracle, abi: aaveV3OracleAbi, functionName: 'getAssetPrice', args: [defi.token('WETH').address] })).toBe(2_500n * AAVE_BASE_CURRENCY_UNIT);
    } finally {
      await devnet.revert(snapshot);
    }
  });

  it('swaps native SEI through SwapRouter02 on a DragonSwap V2 pool for exactly what QuoterV2 quoted', async () => {
    const { dragonswapV2: v3 } = defi;
    const [wsei, usdc] = [defi.token('WSEI'), defi.token('USDC')];
    expect([
      await read({ address: v3.swapRouter02, abi: swapRouter02Abi, functionName: 'factory' }),
      await read({ address: v3.swapRouter02, abi: swapRouter02Abi, functionName: 'factoryV2' }),
      await read({ address: v3.swapRouter02, abi: swapRouter02Abi, functionName: 'positionManager' }),
      await read({ address: v3.swapRouter02, abi: swapRouter02Abi, functionName: 'WETH9' }),
    ]).toEqual([v3.factory, defi.dragonswapV1.factory, v3.positionManager, wsei.address]);

    // A WSEI/USDC 0.3% pool at $0.50 per WSEI (token1 per token0 in base units, on the 60-tick grid), funded across a wide range.
    await defi.mint([
      { token: wsei.address, to: lp.address, amount: parseEther('100000') },
      { token: usdc.address, to: lp.address, amount: 50_000n * 10n ** 6n },
    ]);
    await approveUniswapV3(devnet, v3, lp, [wsei.address, usdc.address]);
    const wseiIs0 = getAddress(wsei.address).toLowerCase() < getAddress(usdc.address).toLowerCase();
    const tick = Math.round(Math.log(wseiIs0 ? 0.5e-12 : 2e12) / Math.log(1.0001) / 60) * 60;
    const { key } = await createPoolV3(devnet, v3, { tokenA: wsei.address, tokenB: usdc.address, fee: 3000, sqrtPriceX96: getSqrtRatioAtTick(tick) });
    const [amount0Desired, amount1Desired] = wseiIs0 ? [parseEther('100000'), 50_000n * 10n ** 6n] : [50_000n * 10n ** 6n, parseEther('100000')];
    await mintPositionsV3(devnet, v3, lp, [{ key, tickLower: tick - 6_000, tickUpper: tick + 6_000, amount0Desired, amount1Desired }]);

    const amountIn = parseEther('20');
    const { result: quote } = await devnet.publicClient.simulateContract({
      address: v3.quoterV2,
      abi: quoterV2Abi,
      functionName: 'quoteExactInputSingle',
      args: [{ tokenIn: wsei.address, tokenOut: usdc.address, amountIn, fee: 3000, sqrtPriceLimitX96: 0n }],
    });
    const [amountOut] = quote;
    // About 20 × $0.50 less the 0.3% fee.
    expect(amountOut > 9_900_000n && amountOut < 10_000_000n).toBe(true);
    const usdcBefore = await balanceOf(usdc.address, trader.address);
    await devnet.sendTransaction(
      {
        to: v3.swapRouter02,
        value: amountIn,
        data: encodeFunctionData({
          abi: swapRouter02Abi,
          functionName: 'exactInputSingle',
          args: [{ tokenIn: wsei.address, tokenOut: usdc.address, fee: 3000, recipient: trader.address, amountIn, amountOutMinimum: amountOut, sqrtPriceLimitX96: 0n }],
        }),
      },
      trader,
    );
    expect((await balanceOf(usdc.address, trader.address)) - usdcBefore).toBe(amountOut);
    expect(await balanceOf(wsei.address, v3.swapRouter02)).toBe(0n);
  });

  it('adds DragonSwap V1 liquidity with native SEI through UniswapV2Router02, then swaps through SwapRouter02 for exactly getAmountsOut', async () => {
    const { dragonswapV1: v1, dragonswapV2: v3 } = defi;
    const [wsei, usdt0] = [defi.token('WSEI'), defi.token('USDT0')];
    expect([await read({ address: v1.router, abi: uniswapV2Router02Abi, functionName: 'factory' }), await read({ address: v1.router, abi: uniswapV2Router02Abi, functionName: 'WETH' })]).toEqual([v1.factory, wsei.address]);

    await defi.mint([{ token: usdt0.address, to: lp.address, amount: 500n * 10n ** 6n }]);
    await devnet.sendTransaction({ to: usdt0.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [v1.router, maxUint256] }) }, lp);
    await devnet.sendTransaction(
      {
        to: v1.router,
        value: parseEther('1000'),
        data: encodeFunctionData({ abi: uniswapV2Router02Abi, functionName: 'addLiquidityETH', args: [usdt0.address, 500n * 10n ** 6n, 0n, 0n, lp.address, FAR_DEADLINE] }),
      },
      lp,
    );
    // The router found the pair the factory made: its init code hash matches the v2-core pair on the devnet.
    const pair = await existingPairV2(devnet, v1.factory, wsei.address, usdt0.address);
    expect(await balanceOf(wsei.address, pair)).toBe(parseEther('1000'));

    const amountIn = 10n * 10n ** 6n;
    const amounts = await read({ address: v1.router, abi: uniswapV2Router02Abi, functionName: 'getAmountsOut', args: [amountIn, [usdt0.address, wsei.address]] });
    await defi.mint([{ token: usdt0.address, to: trader.address, amount: amountIn }]);
    await devnet.sendTransaction({ to: usdt0.address, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [v3.swapRouter02, amountIn] }) }, trader);
    const wseiBefore = await balanceOf(wsei.address, trader.address);
    await devnet.sendTransaction(
      {
        to: v3.swapRouter02,
        data: encodeFunctionData({ abi: swapRouter02Abi, functionName: 'swapExactTokensForTokens', args: [amountIn, 0n, [usdt0.address, wsei.address], trader.address] }),
      },
      trader,
    );
    // 10 USDT0 into 1 000 WSEI / 500 USDT0, less 0.3%: 1000 − 500 000 / (500 + 9.97) = 19.55 WSEI.
    const [, out] = amounts;
    expect((await balanceOf(wsei.address, trader.address)) - wseiBefore).toBe(out);
    expect(Number(out) / 1e18).toBeCloseTo(1_000 - (1_000 * 500) / (500 + 10 * 0.997), 9);
  });
});

/** The pair of two tokens, which must exist already. */
const existingPairV2 = async (devnet: Devnet, factory: Address, tokenA: Address, tokenB: Address): Promise<Address> => {
  const pair = getAddress(await devnet.publicClient.readContract({ address: factory, abi: uniswapV2FactoryAbi, functionName: 'getPair', args: [tokenA, tokenB] }));
  if (pair === zeroAddress) throw new Error('no pair');
  return pair;
};
