import * as E from 'fp-ts/Either';
import { getAddress, parseUnits, type Address } from 'viem';
import type { PositionsRead } from '../../src/adapters/protocols/protocol-reader';
import type { PoolKey } from '../../src/adapters/protocols/uniswap-v3/compute-pool-address';
import { uniswapV3PoolAbi } from '../../src/adapters/protocols/uniswap-v3/uniswap-v3-abis';
import { makeUniswapV3Reader } from '../../src/adapters/protocols/uniswap-v3/uniswap-v3-reader';
import { getSqrtRatioAtTick } from '../../src/domain/uniswap-v3';
import { deployTestTokens, mintTokens, startDevnet, type Devnet, type DevnetAccount, type TestToken } from '../support/devnet';
import { startRpcCountingProxy, type RpcCountingProxy } from '../support/rpc-counting-proxy';
import {
  knownTokenLookup,
  makeLensPlanRunner,
  makePlanRunner,
  makeRunnerFor,
  READ_PATHS,
  registryTokenOf,
  resultOf,
  testRegistry,
  walletOnly,
  type ReadPath,
} from '../support/protocols/uniswap-read-harness';
import {
  approveUniswapV3,
  closePositionV3,
  createPoolV3,
  deployUniswapV3,
  mintPositionsV3,
  simulateCollect,
  simulateDecreaseLiquidity,
  swapExactInputV3,
  type UniswapV3Deployment,
} from '../support/protocols/uniswap-v3';

const SOURCE = 'dragonswap-v2';

/** The tick nearest a human price (token1 per token0), rounded down to the pool's tick spacing. */
const tickForPrice = (price: number, decimals0: number, decimals1: number, spacing: number): number => {
  const raw = Math.log(price * 10 ** (decimals1 - decimals0)) / Math.log(1.0001);
  return Math.floor(raw / spacing) * spacing;
};

describe('DragonSwap V2 (Uniswap v3) positions, read in rounds and through the PortfolioLens', () => {
  let devnet: Devnet;
  let proxy: RpcCountingProxy;
  let v3: UniswapV3Deployment;
  let lp: DevnetAccount;
  let trader: DevnetAccount;
  let usdx: TestToken;
  let wsx: TestToken;
  let stb: TestToken;
  let odd: TestToken;
  let poolA: { key: PoolKey; address: Address };
  let startTickA: number;
  const ids: Record<'wide' | 'narrow' | 'atLower' | 'closed' | 'stable' | 'unlisted', bigint> = { wide: 0n, narrow: 0n, atLower: 0n, closed: 0n, stable: 0n, unlisted: 0n };
  let liquidityOfClosed = 0n;

  const registry = () => [registryTokenOf(usdx, true, 'usd-coin'), registryTokenOf(wsx, false, 'wrapped-sei'), registryTokenOf(stb, true, 'dai')];
  const makeReader = (poolInitCodeHash = v3.poolInitCodeHash) =>
    makeUniswapV3Reader({
      addresses: { factory: v3.factory, nonfungiblePositionManager: v3.positionManager, poolInitCodeHash },
      knownToken: knownTokenLookup(registry()),
      chainId: devnet.chainId,
    });
  const lensRegistry = (poolInitCodeHash = v3.poolInitCodeHash) =>
    testRegistry(registry(), { dragonswapV2: { factory: v3.factory, nonfungiblePositionManager: v3.positionManager, poolInitCodeHash } });
  /** Reads the LP's positions (or another wallet's) with a fresh reader, on one read path. */
  const readPositions = (path: ReadPath, wallet: Address = lp.address) =>
    makeRunnerFor(path, proxy.url, lensRegistry())<PositionsRead>([makeReader().plan(wallet)], walletOnly(wallet));
  const decimalsOf = (address: Address): number => [usdx, wsx, stb, odd].find((t) => t.address === getAddress(address))?.decimals ?? NaN;

  beforeAll(async () => {
    devnet = await startDevnet();
    proxy = await startRpcCountingProxy(devnet.url);
    [, lp, trader] = devnet.accounts as [DevnetAccount, DevnetAccount, DevnetAccount];
    v3 = await deployUniswapV3(devnet);
    [usdx, wsx, stb, odd] = (await deployTestTokens(devnet, [
      { symbol: 'USDX', name: 'Dollar X', decimals: 6 },
      { symbol: 'WSX', name: 'Wrapped SX', decimals: 18 },
      { symbol: 'STB', name: 'Stable B', decimals: 18 },
      { symbol: 'ODD', name: 'Unlisted Odd', decimals: 8 },
    ])) as [TestToken, TestToken, TestToken, TestToken];
    const all = [usdx, wsx, stb, odd];
    await mintTokens(
      devnet,
      [lp, trader].flatMap((account) => all.map((t) => ({ token: t.address, to: account.address, amount: parseUnits('1000000000', t.decimals) }))),
    );
    await approveUniswapV3(devnet, v3, lp, all.map((t) => t.address));
    await approveUniswapV3(devnet, v3, trader, all.map((t) => t.address));

    // Pool A: WSX/USDX 0.3% at about 0.5 USDX per WSX, whichever sorts first.
    const [a0, a1] = getAddress(wsx.address).toLowerCase() < getAddress(usdx.address).toLowerCase() ? [wsx, usdx] : [usdx, wsx];
    startTickA = tickForPrice(a0 === wsx ? 0.5 : 2, a0.decimals, a1.decimals, 60);
    poolA = await createPoolV3(devnet, v3, { tokenA: wsx.address, tokenB: usdx.address, fee: 3000, sqrtPriceX96: getSqrtRatioAtTick(startTickA) });
    const lots = (t: TestToken, n: string) => parseUnits(n, t.decimals);
    const [wide, narrow, closed] = await mintPositionsV3(devnet, v3, lp, [
      { key: poolA.key, tickLower: startTickA - 6000, tickUpper: startTickA + 6000, amount0Desired: lots(a0, '100000'), amount1Desired: lots(a1, '100000') },
      { key: poolA.key, tickLower: startTickA - 600, tickUpper: startTickA + 600, amount0Desired: lots(a0, '50000'), amount1Desired: lots(a1, '50000') },
      { key: poolA.key, tickLower: startTickA - 600, tickUpper: startTickA + 600, amount0Desired: lots(a0, '10'), amount1Desired: lots(a1, '10') },
    ]);
    ids.wide = wide?.tokenId ?? 0n;
    ids.narrow = narrow?.tokenId ?? 0n;
    ids.closed = closed?.tokenId ?? 0n;
    liquidityOfClosed = closed?.liquidity ?? 0n;

    // Real swaps both ways earn fees in both tokens, then one swap up stops exactly on startTick + 1200.
    for (let i = 0; i < 3; i++) {
      await swapExactInputV3(devnet, v3, trader, { tokenIn: a0.address, tokenOut: a1.address, fee: 3000, amountIn: lots(a0, '3000') });
      await swapExactInputV3(devnet, v3, trader, { tokenIn: a1.address, tokenOut: a0.address, fee: 3000, amountIn: lots(a1, '3000') });
    }
    await swapExactInputV3(devnet, v3, trader, {
      tokenIn: a1.address,
      tokenOut: a0.address,
      fee: 3000,
      amountIn: lots(a1, '100000000'),
      sqrtPriceLimitX96: getSqrtRatioAtTick(startTickA + 1200),
    });
    await closePositionV3(devnet, v3, lp, ids.closed, liquidityOfClosed);
    const [atLower] = await mintPositionsV3(devnet, v3, lp, [
      { key: poolA.key, tickLower: startTickA + 1200, tickUpper: startTickA + 1800, amount0Desired: lots(a0, '1000'), amount1Desired: lots(a1, '1000') },
    ]);
    ids.atLower = atLower?.tokenId ?? 0n;

    // Pool B: two stablecoins (STB/USDX 0.05%); pool C: a token outside the registry (ODD/WSX 1%).
    const [b0, b1] = getAddress(stb.address).toLowerCase() < getAddress(usdx.address).toLowerCase() ? [stb, usdx] : [usdx, stb];
    const tickB = tickForPrice(1, b0.decimals, b1.decimals, 10);
    const poolB = await createPoolV3(devnet, v3, { tokenA: stb.address, tokenB: usdx.address, fee: 500, sqrtPriceX96: getSqrtRatioAtTick(tickB) });
    const [c0, c1] = getAddress(odd.address).toLowerCase() < getAddress(wsx.address).toLowerCase() ? [odd, wsx] : [wsx, odd];
    const tickC = tickForPrice(c0 === odd ? 3 : 1 / 3, c0.decimals, c1.decimals, 200);
    const poolC = await createPoolV3(devnet, v3, { tokenA: odd.address, tokenB: wsx.address, fee: 10000, sqrtPriceX96: getSqrtRatioAtTick(tickC) });
    const [stable, unlisted] = await mintPositionsV3(devnet, v3, lp, [
      { key: poolB.key, tickLower: tickB - 100, tickUpper: tickB + 100, amount0Desired: lots(b0, '5000'), amount1Desired: lots(b1, '5000') },
      { key: poolC.key, tickLower: tickC - 2000, tickUpper: tickC + 4000, amount0Desired: lots(c0, '700'), amount1Desired: lots(c1, '700') },
    ]);
    ids.stable = stable?.tokenId ?? 0n;
    ids.unlisted = unlisted?.tokenId ?? 0n;
  });

  afterAll(async () => {
    await proxy.stop();
    await devnet.stop();
  });

  it('the setup is what the assertions assume: the swap stopped exactly on the new position\'s lower tick', async () => {
    const [, tick] = await devnet.publicClient.readContract({ address: poolA.address, abi: uniswapV3PoolAbi, functionName: 'slot0' });
    expect(tick).toBe(startTickA + 1200);
  });

  it.each(READ_PATHS)('%s: reports each open position with the amounts decreaseLiquidity and the fees collect return, to the base unit', async (path) => {
    const outcome = await readPositions(path);
    const read = resultOf(outcome, SOURCE);

    expect(read.warnings).toEqual([]);
    expect(read.liquidity.map((p) => p.id).sort()).toEqual([ids.wide, ids.narrow, ids.atLower, ids.stable, ids.unlisted].map(String).sort());
    for (const p of read.liquidity) {
      const tokenId = BigInt(p.id);
      const liquidity = BigInt(p.liquidity);
      const removed = await simulateDecreaseLiquidity(devnet.publicClient, v3, { owner: lp.address, tokenId, liquidity, blockNumber: outcome.blockNumber });
      const collected = await simulateCollect(devnet.publicClient, v3, { owner: lp.address, tokenId, blockNumber: outcome.blockNumber });
      expect({ id: p.id, amount0: p.amount0, amount1: p.amount1, token0Amount: p.token0Amount, token1Amount: p.token1Amount }).toEqual({
        id: p.id,
        amount0: removed.amount0,
        amount1: removed.amount1,
        token0Amount: removed.amount0.toString(),
        token1Amount: removed.amount1.toString(),
      });
      expect({ id: p.id, fees0: p.fees0, fees1: p.fees1 }).toEqual({ id: p.id, fees0: collected.amount0, fees1: collected.amount1 });
    }
  });

  it.each(READ_PATHS)('%s: knows which positions are in range, counting a lower tick equal to the current tick as in range', async (path) => {
    const read = resultOf(await readPositions(path), SOURCE);
    const byId = new Map(read.liquidity.map((p) => [p.id, p]));
    expect(byId.get(String(ids.wide))?.isInRange).toBe(true);
    expect(byId.get(String(ids.narrow))?.isInRange).toBe(false);
    expect(byId.get(String(ids.atLower))?.isInRange).toBe(true);
    expect(byId.get(String(ids.stable))?.isInRange).toBe(true);
    expect(byId.get(String(ids.unlisted))?.isInRange).toBe(true);
    // The swaps earned fees in both tokens for both positions that were in range, and none for the new one.
    const wide = byId.get(String(ids.wide));
    const narrow = byId.get(String(ids.narrow));
    expect([wide?.fees0, wide?.fees1, narrow?.fees0, narrow?.fees1].every((f) => f !== undefined && f > 0n)).toBe(true);
    expect([byId.get(String(ids.atLower))?.fees0, byId.get(String(ids.atLower))?.fees1]).toEqual([0n, 0n]);
    // Out of range above: the narrow position is all token1, which is what the price moved into.
    expect(narrow?.amount0).toBe(0n);
  });

  it.each(READ_PATHS)('%s: describes each position: pool, tokens, fee tier, price range in whole token1 per token0, volatility', async (path) => {
    const read = resultOf(await readPositions(path), SOURCE);
    const wide = read.liquidity.find((p) => p.id === String(ids.wide));
    const d0 = decimalsOf(poolA.key.token0);
    const d1 = decimalsOf(poolA.key.token1);
    expect(wide).toMatchObject({
      platform: 'DragonSwap V2',
      kind: 'concentrated',
      poolAddress: poolA.address,
      token0: poolA.key.token0,
      token1: poolA.key.token1,
      fee: 3000,
      isVolatilePair: true,
    });
    // 1.0001^tick × 10^(d0 − d1), as the Uniswap v3 paper defines a tick's price (TickMath agrees to ~1e-11).
    const priceAtTick = (tick: number): number => 1.0001 ** tick * 10 ** (d0 - d1);
    const relativeError = (actual: number | null | undefined, expected: number): number => Math.abs((actual ?? NaN) / expected - 1);
    expect(relativeError(wide?.priceRange.lower, priceAtTick(startTickA - 6000))).toBeLessThan(1e-10);
    expect(relativeError(wide?.priceRange.upper, priceAtTick(startTickA + 6000))).toBeLessThan(1e-10);
    expect(relativeError(wide?.priceRange.current, priceAtTick(startTickA + 1200))).toBeLessThan(1e-10);
    expect(wide?.token0Ref.coingeckoId === 'wrapped-sei' || wide?.token1Ref.coingeckoId === 'wrapped-sei').toBe(true);

    expect(read.liquidity.find((p) => p.id === String(ids.stable))?.isVolatilePair).toBe(false);
    const unlisted = read.liquidity.find((p) => p.id === String(ids.unlisted));
    const oddRef = unlisted?.token0Ref.address === odd.address ? unlisted.token0Ref : unlisted?.token1Ref;
    expect(oddRef).toEqual({ key: odd.address, address: odd.address, symbol: 'ODD', decimals: 8, coingeckoId: null });
  });

  it.each(READ_PATHS)('%s: leaves out a closed position (no liquidity, nothing to collect)', async (path) => {
    const read = resultOf(await readPositions(path), SOURCE);
    expect(liquidityOfClosed).toBeGreaterThan(0n);
    expect(read.liquidity.some((p) => p.id === String(ids.closed))).toBe(false);
  });

  it('rounds: takes three rounds cold, two once the NFTs and pools are known, and four once per pool when the init code hash is wrong', async () => {
    const run = makePlanRunner(proxy.url);
    const reader = makeReader();
    proxy.reset();
    const cold = await run<PositionsRead>([reader.plan(lp.address)]);
    expect([cold.rounds, proxy.stats().httpRequests]).toEqual([3, 3]);
    proxy.reset();
    const warm = await run<PositionsRead>([reader.plan(lp.address)]);
    expect([warm.rounds, proxy.stats().httpRequests]).toEqual([2, 2]);
    expect(resultOf(warm, SOURCE)).toEqual(resultOf(cold, SOURCE));

    const misconfigured = makeReader(`0x${'11'.repeat(32)}`);
    const wrongHashCold = await run<PositionsRead>([misconfigured.plan(lp.address)]);
    expect(wrongHashCold.rounds).toBe(4);
    expect(resultOf(wrongHashCold, SOURCE)).toEqual(resultOf(cold, SOURCE));
    expect((await run<PositionsRead>([misconfigured.plan(lp.address)])).rounds).toBe(2);
  });

  it('lens: reads cold, warm and with a wrong init code hash in one HTTP request each, finding what the rounds find', async () => {
    const rounds = resultOf(await makePlanRunner(proxy.url)<PositionsRead>([makeReader().plan(lp.address)]), SOURCE);
    const reader = makeReader();
    const run = makeLensPlanRunner(proxy.url, lensRegistry());
    for (const _ of ['cold', 'warm']) {
      proxy.reset();
      const outcome = await run<PositionsRead>([reader.plan(lp.address)], walletOnly(lp.address));
      expect([outcome.rounds, proxy.stats().httpRequests, proxy.stats().methods]).toEqual([1, 1, { eth_call: 1 }]);
      expect(resultOf(outcome, SOURCE)).toEqual(rounds);
    }
    const wrongHash = `0x${'11'.repeat(32)}` as const;
    proxy.reset();
    const misconfigured = await makeLensPlanRunner(proxy.url, lensRegistry(wrongHash))<PositionsRead>([makeReader(wrongHash).plan(lp.address)], walletOnly(lp.address));
    expect(proxy.stats().httpRequests).toBe(1);
    expect(resultOf(misconfigured, SOURCE)).toEqual(rounds);
  });

  it.each(READ_PATHS)('%s: reads a wallet without positions in one round', async (path) => {
    proxy.reset();
    const outcome = await readPositions(path, '0x000000000000000000000000000000000000bEEF');
    expect([outcome.rounds, proxy.stats().httpRequests]).toEqual([1, 1]);
    expect(resultOf(outcome, SOURCE)).toEqual({ lending: [], liquidity: [], warnings: [] });
  });

  it.each(READ_PATHS)('%s: when the position manager is gone, fails this source alone with a clear error', async (path) => {
    const snapshot = await devnet.snapshot();
    try {
      await devnet.setCode(v3.positionManager, '0x');
      const outcome = await readPositions(path);
      const mine = outcome.outcomes.find((o) => o.source === SOURCE);
      expect(mine !== undefined && E.isLeft(mine.result) ? mine.result.left.message : 'no error').toBe(
        `NonfungiblePositionManager ${v3.positionManager} on chain 1329: balanceOf(${lp.address}) (is the position manager deployed there?) failed: The contract function "balanceOf" returned no data ("0x").`,
      );
    } finally {
      await devnet.revert(snapshot);
    }
  });
});
