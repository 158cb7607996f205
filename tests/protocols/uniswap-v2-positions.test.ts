import * as E from 'fp-ts/Either';
import { getAddress, parseUnits, type Address } from 'viem';
import type { PositionsRead } from '../../src/adapters/protocols/protocol-reader';
import { uniswapV2PairAbi } from '../../src/adapters/protocols/uniswap-v2/uniswap-v2-abis';
import { makeUniswapV2Reader } from '../../src/adapters/protocols/uniswap-v2/uniswap-v2-reader';
import { deployTestTokens, startDevnet, type Devnet, type DevnetAccount, type TestToken } from '../support/devnet';
import { knownTokenLookup, makePlanRunner, registryTokenOf, resultOf } from '../support/protocols/uniswap-read-harness';
import { addLiquidityV2, createPairV2, deployUniswapV2Factory, swapV2 } from '../support/protocols/uniswap-v2';

const SOURCE = 'dragonswap-v1';

describe('DragonSwap V1 (Uniswap v2) LP holdings through the read engine', () => {
  let devnet: Devnet;
  let factory: Address;
  let holder: DevnetAccount;
  let other: DevnetAccount;
  let wsx: TestToken;
  let usdx: TestToken;
  let third: TestToken;
  let unlisted: TestToken;
  let mainPair: Address;
  let configuredPair: Address;
  let clock = 0;

  const registry = () => [registryTokenOf(wsx), registryTokenOf(usdx, true), registryTokenOf(third)];
  const makeReader = (pairs: ReadonlyArray<string> = [configuredPair]) =>
    makeUniswapV2Reader({ addresses: { factory, pairs }, registryTokens: registry(), knownToken: knownTokenLookup(registry()), now: () => clock });

  /** The holder's share of each reserve, read straight from the pair at a block: the expected answer. */
  const shareAt = async (pair: Address, owner: Address, blockNumber: bigint) => {
    const [balance, supply, reserves] = await Promise.all([
      devnet.publicClient.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: 'balanceOf', args: [owner], blockNumber }),
      devnet.publicClient.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: 'totalSupply', blockNumber }),
      devnet.publicClient.readContract({ address: pair, abi: uniswapV2PairAbi, functionName: 'getReserves', blockNumber }),
    ]);
    return { balance, amount0: (balance * reserves[0]) / supply, amount1: (balance * reserves[1]) / supply, reserves };
  };

  beforeAll(async () => {
    devnet = await startDevnet();
    [, , , holder, other] = devnet.accounts as [DevnetAccount, DevnetAccount, DevnetAccount, DevnetAccount, DevnetAccount];
    factory = await deployUniswapV2Factory(devnet);
    [wsx, usdx, third, unlisted] = (await deployTestTokens(devnet, [
      { symbol: 'WSX', name: 'Wrapped SX', decimals: 18 },
      { symbol: 'USDX', name: 'Dollar X', decimals: 6 },
      { symbol: 'THR', name: 'Third', decimals: 18 },
      { symbol: 'UNL', name: 'Unlisted', decimals: 8 },
    ])) as [TestToken, TestToken, TestToken, TestToken];
    mainPair = await createPairV2(devnet, factory, wsx.address, usdx.address);
    configuredPair = await createPairV2(devnet, factory, unlisted.address, wsx.address);
    await addLiquidityV2(devnet, { pair: mainPair, tokenA: wsx.address, amountA: parseUnits('1000', 18), tokenB: usdx.address, amountB: parseUnits('417.5', 6), to: other.address });
    await addLiquidityV2(devnet, { pair: mainPair, tokenA: wsx.address, amountA: parseUnits('333.333', 18), tokenB: usdx.address, amountB: parseUnits('139.1665', 6), to: holder.address });
    // Trades move the reserves away from the deposit ratio and leave fees inside them.
    await swapV2(devnet, { pair: mainPair, tokenIn: wsx.address, amountIn: parseUnits('77.7', 18), to: other.address });
    await swapV2(devnet, { pair: mainPair, tokenIn: usdx.address, amountIn: parseUnits('12.345678', 6), to: other.address });
    await addLiquidityV2(devnet, { pair: configuredPair, tokenA: unlisted.address, amountA: parseUnits('5000', 8), tokenB: wsx.address, amountB: parseUnits('20', 18), to: holder.address });
  });

  afterAll(() => devnet.stop());

  it("gives the holder's share of each reserve to the base unit, in two rounds cold and one warm", async () => {
    const run = makePlanRunner(devnet.url);
    const reader = makeReader();
    const cold = await run<PositionsRead>([reader.plan(holder.address)]);
    const read = resultOf(cold, SOURCE);
    expect(cold.rounds).toBe(2);
    expect(read.warnings).toEqual([]);

    const main = read.liquidity.find((p) => p.poolAddress === mainPair);
    const expected = await shareAt(mainPair, holder.address, cold.blockNumber);
    expect(expected.amount0).toBeGreaterThan(0n);
    const token0 = getAddress(wsx.address).toLowerCase() < getAddress(usdx.address).toLowerCase() ? wsx : usdx;
    const token1 = token0 === wsx ? usdx : wsx;
    expect(main).toEqual({
      id: mainPair,
      platform: 'DragonSwap V1',
      kind: 'full-range',
      poolAddress: mainPair,
      token0: token0.address,
      token1: token1.address,
      token0Symbol: token0.symbol,
      token1Symbol: token1.symbol,
      fee: 3000,
      liquidity: expected.balance.toString(),
      token0Amount: expected.amount0.toString(),
      token1Amount: expected.amount1.toString(),
      priceRange: { lower: null, upper: null, current: expect.any(Number) },
      isInRange: true,
      token0Ref: { key: token0.address, address: token0.address, symbol: token0.symbol, decimals: token0.decimals, coingeckoId: null },
      token1Ref: { key: token1.address, address: token1.address, symbol: token1.symbol, decimals: token1.decimals, coingeckoId: null },
      amount0: expected.amount0,
      amount1: expected.amount1,
      fees0: 0n,
      fees1: 0n,
      isVolatilePair: true,
    });
    const [r0, r1] = expected.reserves;
    const humanPrice = (Number(r1) / 10 ** token1.decimals) / (Number(r0) / 10 ** token0.decimals);
    expect(Math.abs((main?.priceRange.current ?? NaN) / humanPrice - 1)).toBeLessThan(1e-12);

    const configured = read.liquidity.find((p) => p.poolAddress === configuredPair);
    const expectedConfigured = await shareAt(configuredPair, holder.address, cold.blockNumber);
    expect([configured?.amount0, configured?.amount1]).toEqual([expectedConfigured.amount0, expectedConfigured.amount1]);
    expect([configured?.token0Symbol, configured?.token1Symbol].sort()).toEqual(['UNL', 'WSX']);

    const warm = await run<PositionsRead>([reader.plan(holder.address)]);
    expect(warm.rounds).toBe(1);
    expect(resultOf(warm, SOURCE)).toEqual(read);
  });

  it('leaves out pairs the wallet holds nothing of', async () => {
    const read = resultOf(await makePlanRunner(devnet.url)<PositionsRead>([makeReader([]).plan(other.address)]), SOURCE);
    expect(read.liquidity.map((p) => p.poolAddress)).toEqual([mainPair]);
    const nobody = resultOf(await makePlanRunner(devnet.url)<PositionsRead>([makeReader([]).plan('0x000000000000000000000000000000000000bEEF')]), SOURCE);
    expect(nobody).toEqual({ lending: [], liquidity: [], warnings: [] });
  });

  it('asks getPair again for a missing pair only after the missing-pair TTL, so new pairs are found', async () => {
    const run = makePlanRunner(devnet.url);
    const reader = makeReader([]);
    clock = 0;
    expect(resultOf(await run<PositionsRead>([reader.plan(holder.address)]), SOURCE).liquidity).toHaveLength(1);
    const snapshot = await devnet.snapshot();
    try {
      const newPair = await createPairV2(devnet, factory, wsx.address, third.address);
      await addLiquidityV2(devnet, { pair: newPair, tokenA: wsx.address, amountA: parseUnits('3', 18), tokenB: third.address, amountB: parseUnits('9', 18), to: holder.address });
      clock = 60_000;
      const beforeTtl = await run<PositionsRead>([reader.plan(holder.address)]);
      expect([beforeTtl.rounds, resultOf(beforeTtl, SOURCE).liquidity.length]).toEqual([1, 1]);
      clock = 3_600_000;
      const afterTtl = await run<PositionsRead>([reader.plan(holder.address)]);
      expect(afterTtl.rounds).toBe(2);
      expect(resultOf(afterTtl, SOURCE).liquidity.map((p) => p.poolAddress).sort()).toEqual([mainPair, newPair].sort());
    } finally {
      await devnet.revert(snapshot);
      clock = 0;
    }
  });

  it('plans no read at all when there is no registry token pair and no configured pair', () => {
    const reader = makeUniswapV2Reader({ addresses: { factory }, registryTokens: [registryTokenOf(wsx)], knownToken: knownTokenLookup(registry()) });
    expect(reader.plan(holder.address).start).toEqual({ done: { lending: [], liquidity: [], warnings: [] } });
  });

  it('when the factory is gone, fails this source alone with a clear error', async () => {
    const snapshot = await devnet.snapshot();
    try {
      await devnet.setCode(factory, '0x');
      const outcome = await makePlanRunner(devnet.url)<PositionsRead>([makeReader().plan(holder.address)]);
      const mine = outcome.outcomes.find((o) => o.source === SOURCE);
      expect(mine !== undefined && E.isLeft(mine.result) ? mine.result.left.message : 'no error').toMatch(
        new RegExp(`^factory ${factory} getPair\\(0x[0-9a-fA-F]{40}, 0x[0-9a-fA-F]{40}\\) \\(is the v2 factory deployed there\\?\\) failed: The contract function "getPair" returned no data \\("0x"\\)\\.$`),
      );
    } finally {
      await devnet.revert(snapshot);
    }
  });
});
