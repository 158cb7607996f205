import request from 'supertest';
import { formatUnits, getAddress, type Address } from 'viem';
import { uniswapV3PoolAbi } from '../../src/adapters/protocols/uniswap-v3/uniswap-v3-abis';
import { uniswapV2PairAbi } from '../../src/adapters/protocols/uniswap-v2/uniswap-v2-abis';
import type { RunningServer } from '../../src/main';
import { startAppOnHarness, startChainHarness, type ChainHarness } from '../support/app/chain-harness';
import { makeTestClock } from '../support/test-clock';
import { aaveHealthFactor, apyPercentOf, fromWad } from '../support/protocols/aave-v3-hand-worked';
import { NATIVE_USD, setupDefiFixture, specOf, units, type DefiFixture, type DefiProtocolsSwitch } from '../support/app/defi-fixture';
import type { DevnetAccount, TestToken } from '../support/devnet';
import type { AaveTestMarket } from '../support/protocols/aave-v3-test-market';
import { simulateCollect, simulateDecreaseLiquidity, type MintedPosition, type MintPositionRequest, type UniswapV3Deployment } from '../support/protocols/uniswap-v3';

jest.setTimeout(180_000);


/** base units → whole units as a number (exact enough for values of a few million dollars). */
const whole = (raw: bigint | string, decimals: number): number => Number(BigInt(raw)) / 10 ** decimals;
const relErr = (actual: number, expected: number) => Math.abs(actual / expected - 1);
/** A portfolio body without the fields that say when it was made. */
const withoutTime = ({ lastUpdated: _lastUpdated, cachedAt: _cachedAt, ...rest }: Record<string, unknown>) => rest;

interface LendingJson {
  id: string;
  type: 'supply' | 'borrow';
  token: string;
  amount: string;
  amountFormatted: string;
  valueUSD: number | null;
  apy: number;
  [k: string]: unknown;
}
interface LiquidityJson {
  id: string;
  kind: string;
  poolAddress: string;
  token0: string;
  token1: string;
  liquidity: string;
  token0Amount: string;
  token1Amount: string;
  valueUSD: number | null;
  uncollectedFees: { token0: string; token1: string; valueUSD: number | null };
  priceRange: { lower: number | null; upper: number | null; current: number | null };
  isInRange: boolean;
  [k: string]: unknown;
}

describe('DeFi positions in the portfolio, through the HTTP app (Yei, DragonSwap V2 and V1 on the devnet)', () => {
  let h: ChainHarness;
  let fixture: DefiFixture;
  let market: AaveTestMarket;
  let v3: UniswapV3Deployment;
  let v1Pair: Address;
  let big: DevnetAccount;
  let small: DevnetAccount;
  let bigMinted: ReadonlyArray<MintedPosition>;
  let bigRequests: ReadonlyArray<MintPositionRequest>;
  let app: RunningServer;
  /** The same app reading in rounds only (SEI_PORTFOLIO_LENS=false). */
  let roundsApp: RunningServer;
  const cleanups: Array<() => void> = [];
  const apps: RunningServer[] = [];

  const token = (symbol: string): TestToken => fixture.token(symbol);
  const usdOf = (address: string): number => {
    const r = market.reserves.find((x) => getAddress(x.address) === getAddress(address));
    if (r === undefined) throw new Error(`not a reserve ${address}`);
    return specOf(r.symbol).usd;
  };
  const decimalsOf = (address: string): number => {
    const r = market.reserves.find((x) => getAddress(x.address) === getAddress(address));
    if (r === undefined) throw new Error(`not a reserve ${address}`);
    return r.decimals;
  };

  const registryFor = (protocols: DefiProtocolsSwitch = {}) => {
    const r = fixture.registry(protocols);
    cleanups.push(r.remove);
    return r.file;
  };
  const clock = makeTestClock();
  const startApp = async (file: string, env: Record<string, string> = {}) => {
    const started = await startAppOnHarness(h, file, env, { now: clock.now });
    apps.push(started);
    return started;
  };

  beforeAll(async () => {
    h = await startChainHarness();
    fixture = await setupDefiFixture(h);
    ({ market, v3, v1Pair, big, small, bigMinted, bigRequests } = fixture);
    app = await startApp(registryFor(), { CACHE_TTL_PRICES: '1' });
    roundsApp = await startApp(registryFor(), { CACHE_TTL_PRICES: '1', SEI_PORTFOLIO_LENS: 'false' });
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.shutdown('done')));
    await h?.stop();
    cleanups.forEach((remove) => remove());
  });

  it.each<{ path: string; env: Record<string, string>; cold: number; warm: number }>([
    { path: 'rounds', env: { SEI_PORTFOLIO_LENS: 'false' }, cold: 3, warm: 2 },
    { path: 'lens', env: {}, cold: 1, warm: 1 },
  ])('$path: a cold read of 5 reserves + 10 NFTs + a V1 LP costs $cold chain HTTP request(s), the same as 1 reserve + 1 NFT; warm $warm', async ({ env, cold: coldCount, warm: warmCount }) => {
    const counts: number[] = [];
    const methods: Array<Record<string, number>> = [];
    const coldApps: RunningServer[] = [];
    for (const [wallet, lending, liquidity] of [
      [big.address, 5, 11],
      [small.address, 1, 1],
    ] as const) {
      // A fresh app per wallet: every adapter cache (reserve list, pool addresses, pairs) is cold.
      const cold = await startApp(registryFor(), env);
      coldApps.push(cold);
      h.proxy.reset();
      const geckoBefore = h.gecko.requestCount();
      const res = await request(cold.app).get(`/api/portfolio/${wallet}`);
      expect(res.status).toBe(200);
      expect(res.body.data.lendingPositions).toHaveLength(lending);
      expect(res.body.data.liquidityPositions).toHaveLength(liquidity);
      expect(res.body.data.warnings).toEqual([]);
      expect(res.body.data.unpricedTokens).toBe(0);
      counts.push(h.proxy.stats().httpRequests);
      methods.push(h.proxy.stats().methods);
      expect(h.gecko.requestCount() - geckoBefore).toBeGreaterThan(0);
    }
    // Rounds: Yei 2 rounds cold, DragonSwap V1 2, DragonSwap V2 3, all in lockstep with the token balances: 3 round
    // trips. Lens: one eth_call without `to`, whatever the numbers of tokens and positions.
    expect(counts).toEqual([coldCount, coldCount]);
    // Only eth_call: no getLogs, no per-position round trips; the rounds' 10 collect simulations ride in the batches.
    expect(Object.keys(methods[0] ?? {})).toEqual(['eth_call']);

    // Warm (NFT pools, reserve list and pairs known), a re-read of the big wallet.
    const bigApp = coldApps[0];
    if (bigApp === undefined) throw new Error('no app');
    h.proxy.reset();
    const warm = await request(bigApp.app).post(`/api/portfolio/${big.address}/refresh`);
    expect(warm.status).toBe(200);
    expect(warm.body.data.liquidityPositions).toHaveLength(11);
    expect(h.proxy.stats().httpRequests).toBe(warmCount);
  });

  it('serves the same portfolio JSON through the lens as in rounds, but for the time it was made', async () => {
    const [lensApp, roundsApp] = [await startApp(registryFor()), await startApp(registryFor(), { SEI_PORTFOLIO_LENS: 'false' })];
    h.proxy.reset();
    const viaLens = await request(lensApp.app).get(`/api/portfolio/${big.address}`);
    expect(h.proxy.stats().httpRequests).toBe(1);
    const inRounds = await request(roundsApp.app).get(`/api/portfolio/${big.address}`);
    expect([viaLens.status, inRounds.status]).toEqual([200, 200]);
    expect(viaLens.body.data.liquidityPositions).toHaveLength(11);
    expect(viaLens.body.data.lendingPositions).toHaveLength(5);
    expect(withoutTime(viaLens.body.data)).toEqual(withoutTime(inRounds.body.data));
  });

  it('carries the lending and liquidity positions, the pool\'s health factor, totals and the liquidation price; moving the oracle moves the risk band', async () => {
    const res = await request(app.app).get(`/api/portfolio/${big.address}`);
    expect(res.status).toBe(200);
    const p = res.body.data;
    const block = BigInt(p.blockNumber);
    expect(p.warnings).toEqual([]);
    expect(p.unpricedTokens).toBe(0);

    // Lending: every position as the data provider reports it at the read's block (the debts have accrued interest since
    // they were taken), at the fake CoinGecko price, with the APY of the reserve's current rate.
    const lending = p.lendingPositions as LendingJson[];
    const expectedLending = [
      { type: 'supply', symbol: 'WSEI', lt: 0.8 },
      { type: 'supply', symbol: 'WETH', lt: 0.825 },
      { type: 'supply', symbol: 'WBTC', lt: 0.78 },
      { type: 'borrow', symbol: 'USDC', lt: 0 },
      { type: 'borrow', symbol: 'USDT0', lt: 0 },
    ] as const;
    const onChain = await Promise.all(
      expectedLending.map(async (e) => {
        const asset = token(e.symbol).address;
        const [user, reserve] = await Promise.all([market.getUserReserveData(asset, big.address, block), market.getReserveData(asset, block)]);
        const amount = e.type === 'supply' ? user.currentATokenBalance : user.currentVariableDebt + user.currentStableDebt;
        const apy = apyPercentOf(e.type === 'supply' ? reserve.liquidityRate : reserve.variableBorrowRate);
        return { ...e, amount, apy, usd: whole(amount, token(e.symbol).decimals) * specOf(e.symbol).usd };
      }),
    );
    const [debtUSDC, debtUSDT0] = [onChain[3], onChain[4]];
    if (debtUSDC === undefined || debtUSDT0 === undefined) throw new Error('no debts');
    // Supplies earn nothing (nobody borrows WSEI, WETH or WBTC): exactly what was supplied. The debts grew by a month of interest.
    expect(onChain.slice(0, 3).map((e) => e.amount)).toEqual([units(20_000, 18), units(2, 18), units('0.1', 8)]);
    expect([debtUSDC.amount > units(10_000, 6), debtUSDT0.amount > units(2_000, 6)]).toEqual([true, true]);
    expect(lending).toHaveLength(5);
    for (const e of onChain) {
      const address = token(e.symbol).address;
      const found = lending.find((x) => x.id === `yei:${e.type}:${address}`);
      expect(found).toEqual({
        id: `yei:${e.type}:${address}`,
        platform: 'Yei Finance',
        type: e.type,
        token: address,
        tokenSymbol: e.symbol,
        amount: e.amount.toString(),
        amountFormatted: formatUnits(e.amount, token(e.symbol).decimals),
        // The server rounds USD values to 4 decimals today.
        valueUSD: expect.closeTo(e.usd, 3),
        apy: expect.closeTo(e.apy, 6),
        usageAsCollateral: e.type === 'supply',
        liquidationThreshold: e.lt,
      });
    }
    const debtUSD = debtUSDC.usd + debtUSDT0.usd;

    // Health factor: the pool's own getUserAccountData at the same block, and worked by hand from the debts above.
    const account = await market.getUserAccountData(big.address, block);
    expect(p.healthFactor).toBeCloseTo(fromWad(account.healthFactor), 12);
    expect(p.healthFactor).toBeCloseTo(aaveHealthFactor([[10_000, 0.8], [6_000, 0.825], [5_500, 0.78]], debtUSD), 9);

    // Liquidity: amounts and fees as the position manager itself would pay them at that block.
    const liquidity = p.liquidityPositions as LiquidityJson[];
    expect(liquidity).toHaveLength(11);
    let liquidityUSD = 0;
    for (const [i, minted] of bigMinted.entries()) {
      const pos = liquidity.find((x) => x.id === minted.tokenId.toString());
      if (pos === undefined) throw new Error(`position ${minted.tokenId} missing`);
      const req = bigRequests[i];
      if (req === undefined) throw new Error('no request');
      const [decreased, owed, slot0] = await Promise.all([
        simulateDecreaseLiquidity(h.devnet.publicClient, v3, { owner: big.address, tokenId: minted.tokenId, liquidity: minted.liquidity, blockNumber: block }),
        simulateCollect(h.devnet.publicClient, v3, { owner: big.address, tokenId: minted.tokenId, blockNumber: block }),
        h.devnet.publicClient.readContract({ address: pos.poolAddress as Address, abi: uniswapV3PoolAbi, functionName: 'slot0', blockNumber: block }),
      ]);
      const [d0, d1] = [decimalsOf(req.key.token0), decimalsOf(req.key.token1)];
      const [usd0, usd1] = [usdOf(req.key.token0), usdOf(req.key.token1)];
      expect(pos).toMatchObject({
        kind: 'concentrated',
        platform: 'DragonSwap V2',
        token0: getAddress(req.key.token0),
        token1: getAddress(req.key.token1),
        fee: req.key.fee,
        liquidity: minted.liquidity.toString(),
        token0Amount: decreased.amount0.toString(),
        token1Amount: decreased.amount1.toString(),
        uncollectedFees: { token0: owed.amount0.toString(), token1: owed.amount1.toString() },
        isInRange: req.tickLower <= slot0[1] && slot0[1] < req.tickUpper,
      });
      expect(pos.isInRange).toBe(i < 8);
      if (i < 8) expect(owed.amount0 > 0n || owed.amount1 > 0n).toBe(true);
      const expectedValue = whole(decreased.amount0, d0) * usd0 + whole(decreased.amount1, d1) * usd1;
      expect(pos.valueUSD).toBeCloseTo(expectedValue, 3);
      expect(pos.uncollectedFees.valueUSD).toBeCloseTo(whole(owed.amount0, d0) * usd0 + whole(owed.amount1, d1) * usd1, 3);
      // token1 per token0 in whole units: 1.0001^tick × 10^(d0 − d1); current from slot0's sqrt price.
      expect(relErr(pos.priceRange.lower ?? NaN, 1.0001 ** req.tickLower * 10 ** (d0 - d1))).toBeLessThan(1e-9);
      expect(relErr(pos.priceRange.upper ?? NaN, 1.0001 ** req.tickUpper * 10 ** (d0 - d1))).toBeLessThan(1e-9);
      expect(relErr(pos.priceRange.current ?? NaN, (Number(slot0[0]) / 2 ** 96) ** 2 * 10 ** (d0 - d1))).toBeLessThan(1e-9);
      liquidityUSD += pos.valueUSD ?? NaN;
    }
    const v1 = liquidity.find((x) => x.kind === 'full-range');
    if (v1 === undefined) throw new Error('no V1 position');
    const [held, supply, reserves, pairToken0] = await Promise.all([
      h.devnet.publicClient.readContract({ address: v1Pair, abi: uniswapV2PairAbi, functionName: 'balanceOf', args: [big.address], blockNumber: block }),
      h.devnet.publicClient.readContract({ address: v1Pair, abi: uniswapV2PairAbi, functionName: 'totalSupply', blockNumber: block }),
      h.devnet.publicClient.readContract({ address: v1Pair, abi: uniswapV2PairAbi, functionName: 'getReserves', blockNumber: block }),
      h.devnet.publicClient.readContract({ address: v1Pair, abi: uniswapV2PairAbi, functionName: 'token0', blockNumber: block }),
    ]);
    const pairToken1 = getAddress(pairToken0) === getAddress(token('WSEI').address) ? token('USDC').address : token('WSEI').address;
    const v1Amount0 = (held * reserves[0]) / supply;
    const v1Amount1 = (held * reserves[1]) / supply;
    expect(v1).toMatchObject({
      id: v1Pair,
      platform: 'DragonSwap V1',
      poolAddress: v1Pair,
      token0: getAddress(pairToken0),
      token1: getAddress(pairToken1),
      liquidity: held.toString(),
      token0Amount: v1Amount0.toString(),
      token1Amount: v1Amount1.toString(),
      uncollectedFees: { token0: '0', token1: '0', valueUSD: 0 },
      priceRange: { lower: null, upper: null },
      isInRange: true,
    });
    const v1Value = whole(v1Amount0, decimalsOf(pairToken0)) * usdOf(pairToken0) + whole(v1Amount1, decimalsOf(pairToken1)) * usdOf(pairToken1);
    expect(v1.valueUSD).toBeCloseTo(v1Value, 3);
    liquidityUSD += v1.valueUSD ?? NaN;

    // Totals: tokens (100 SEI, the 10 000 USDC and 2 000 USDT0 borrowed) + supplied + liquidity; net of the debt.
    const tokensUSD = 100 * NATIVE_USD + 10_000 + 2_000;
    expect(p.totalSuppliedUSD).toBe(10_000 + 6_000 + 5_500);
    expect(p.totalBorrowedUSD).toBeCloseTo(debtUSD, 3);
    expect(p.totalLiquidityUSD).toBeCloseTo(liquidityUSD, 3);
    expect(p.totalValueUSD).toBeCloseTo(tokensUSD + 21_500 + liquidityUSD, 3);
    expect(p.netWorthUSD).toBeCloseTo(tokensUSD + 21_500 + liquidityUSD - debtUSD, 3);

    // Largest collateral WSEI ($10 000): HF = 1 at (debt − Σ other collateral × LT) / (amount × LT).
    expect(p.risk.liquidationPrice.asset).toBe(token('WSEI').address);
    expect(p.risk.liquidationPrice.symbol).toBe('WSEI');
    // (The app values the debt rounded to 1e-4 USD, hence 7 digits.)
    expect(p.risk.liquidationPrice.priceUSD).toBeCloseTo((debtUSD - 6_000 * 0.825 - 5_500 * 0.78) / (20_000 * 0.8), 7);
    expect(p.risk.liquidationRisk).toBe('low');
    expect(p.risk.healthFactor).toBe(p.healthFactor);

    // /summary: lending APY weighted by value (supply earned minus borrow paid, per dollar supplied).
    const summary = await request(app.app).get(`/api/portfolio/${big.address}/summary`);
    expect(summary.status).toBe(200);
    const earned = onChain.reduce((s, e) => s + (e.type === 'supply' ? 1 : -1) * e.usd * e.apy, 0);
    expect(summary.body.data).toMatchObject({
      totalValueUSD: p.totalValueUSD,
      netWorthUSD: p.netWorthUSD,
      totalSuppliedUSD: 21_500,
      totalBorrowedUSD: p.totalBorrowedUSD,
      totalLiquidityUSD: p.totalLiquidityUSD,
      healthFactor: p.healthFactor,
    });
    expect(summary.body.data.apy.lending).toBeCloseTo(earned / 21_500, 4);

    // WSEI falls to $0.18 on the oracle and on CoinGecko: HF ≈ 1.01, below the 1.05 critical line.
    await market.setAssetPrice(token('WSEI').address, 18_000_000n);
    h.gecko.setPrice({ platform: 'sei-v2', address: token('WSEI').address, usd: 0.18, change24h: -64 });
    clock.advance(1001); // the price cache (CACHE_TTL_PRICES=1) expires
    const refreshed = await request(app.app).post(`/api/portfolio/${big.address}/refresh`);
    expect(refreshed.status).toBe(200);
    const after = refreshed.body.data;
    const blockAfter = BigInt(after.blockNumber);
    const accountAfter = await market.getUserAccountData(big.address, blockAfter);
    const debtAfter = await Promise.all(
      ['USDC', 'USDT0'].map(async (symbol) => whole((await market.getUserReserveData(token(symbol).address, big.address, blockAfter)).currentVariableDebt, 6)),
    ).then((debts) => debts.reduce((sum, d) => sum + d, 0));
    expect(after.healthFactor).toBeCloseTo(fromWad(accountAfter.healthFactor), 12);
    expect(after.healthFactor).toBeCloseTo(aaveHealthFactor([[3_600, 0.8], [6_000, 0.825], [5_500, 0.78]], debtAfter), 9);
    expect(after.lendingPositions.find((x: LendingJson) => x.id === `yei:supply:${token('WSEI').address}`).valueUSD).toBe(3_600);
    expect(after.totalSuppliedUSD).toBe(3_600 + 6_000 + 5_500);
    expect([p.risk.liquidationRisk, after.risk.liquidationRisk]).toEqual(['low', 'critical']);
    // Before: a score of about 44 (40 × 0.56 liquidation + 15 × 0.09 leverage + 20 × 0.15 concentration + 15 × 0.64
    // volatile exposure + 10 × 0.75 impermanent loss), in the 25–50 band, "medium", worse than the "low" liquidation
    // band. After: the "critical" liquidation band outranks any score.
    expect(p.risk.score).toBeGreaterThanOrEqual(25);
    expect(p.risk.score).toBeLessThan(50);
    expect([p.risk.level, after.risk.level]).toEqual(['medium', 'critical']);
    // The largest collateral is now WETH ($6 000).
    expect(after.risk.liquidationPrice).toMatchObject({ asset: token('WETH').address, symbol: 'WETH' });
    expect(after.risk.liquidationPrice.priceUSD).toBeCloseTo((debtAfter - 3_600 * 0.8 - 5_500 * 0.78) / (2 * 0.825), 3);

    // /risk answers the same assessment with its alerts.
    const risk = await request(app.app).get(`/api/portfolio/${big.address}/risk`);
    expect(risk.status).toBe(200);
    const { alerts, blockNumber, ...assessment } = risk.body.data;
    expect(assessment).toEqual(after.risk);
    expect(blockNumber).toBe(after.blockNumber);
    expect(Object.keys(assessment).sort()).toEqual(
      ['level', 'score', 'healthFactor', 'liquidationRisk', 'concentration', 'stablecoinShare', 'impermanentLossRisk', 'factors', 'liquidationPrice'].sort(),
    );
    const liquidationFactor = assessment.factors.find((f: { id: string }) => f.id === 'liquidation');
    expect(liquidationFactor).toMatchObject({ weight: 40 });
    expect(liquidationFactor.value).toBeCloseTo(2 - after.healthFactor, 12);
    expect(assessment.score).toBeCloseTo(
      assessment.factors.reduce((s: number, f: { weight: number; value: number }) => s + f.weight * f.value, 0),
      1,
    );
    expect(alerts[0]).toEqual({ factor: 'liquidation', severity: 'critical', message: liquidationFactor.explanation });

    // Performance between the first snapshot (the cold read above) and the refresh: only WSEI's price moved, on the
    // WSEI supplied to Yei and inside the LP positions, so the whole change in value is market PnL, not a flow.
    const perf = await request(app.app).get(`/api/portfolio/${big.address}/performance?range=1d`);
    expect(perf.status).toBe(200);
    expect(perf.body.data.startValueUSD).toBeCloseTo(p.totalValueUSD, 2);
    expect(perf.body.data.endValueUSD).toBeCloseTo(after.totalValueUSD, 2);
    expect(perf.body.data.marketPnlUSD).toBeCloseTo(after.totalValueUSD - p.totalValueUSD, 1);
    expect(perf.body.data.netFlowsUSD).toBeCloseTo(0, 1);
  });

  it('when the DragonSwap V2 position manager is gone, answers 200 with the Yei and V1 positions and the balances, and a warning naming dragonswap-v2', async () => {
    const code = await h.devnet.publicClient.getCode({ address: v3.positionManager });
    if (code === undefined) throw new Error('no position manager code');
    await h.devnet.setCode(v3.positionManager, '0x');
    try {
      const res = await request(app.app).post(`/api/portfolio/${big.address}/refresh`);
      expect(res.status).toBe(200);
      const p = res.body.data;
      // The rounds read the same: same positions, same warnings, word for word.
      expect(withoutTime((await request(roundsApp.app).post(`/api/portfolio/${big.address}/refresh`)).body.data)).toEqual(withoutTime(p));
      expect(p.lendingPositions.map((x: LendingJson) => x.id).sort()).toEqual(
        [
          ...['WSEI', 'WETH', 'WBTC'].map((s) => `yei:supply:${token(s).address}`),
          ...['USDC', 'USDT0'].map((s) => `yei:borrow:${token(s).address}`),
        ].sort(),
      );
      expect(p.liquidityPositions.map((x: LiquidityJson) => [x.kind, x.id])).toEqual([['full-range', v1Pair]]);
      expect(p.tokenBalances.find((b: { token: string }) => b.token === token('USDC').address)).toMatchObject({ balance: units(10_000, 6).toString(), valueUSD: 10_000 });
      expect(p.tokenBalances.find((b: { token: string }) => b.token === 'native')).toMatchObject({ balanceFormatted: '100', valueUSD: 100 * NATIVE_USD });
      expect(p.healthFactor).toBeCloseTo(fromWad((await market.getUserAccountData(big.address, BigInt(p.blockNumber))).healthFactor), 12);
      expect(p.warnings).toEqual([{ source: 'dragonswap-v2', message: expect.stringContaining('dragonswap-v2 positions could not be read') }]);
      expect(p.warnings[0].message).toContain(v3.positionManager);
      expect(p.totalLiquidityUSD).toBe(p.liquidityPositions[0].valueUSD);
    } finally {
      await h.devnet.setCode(v3.positionManager, code);
    }
  });

  it('when the Yei pool is gone, answers 200 with both DEXes\' positions and a warning naming yei', async () => {
    const code = await h.devnet.publicClient.getCode({ address: market.pool });
    if (code === undefined) throw new Error('no pool code');
    await h.devnet.setCode(market.pool, '0x');
    const historyLength = async () => (await request(app.app).get(`/api/portfolio/${big.address}/history?range=1d`)).body.data.points.length as number;
    const pointsBefore = await historyLength();
    try {
      const res = await request(app.app).post(`/api/portfolio/${big.address}/refresh`);
      expect(res.status).toBe(200);
      // The partial read is served but not stored as a snapshot.
      expect(await historyLength()).toBe(pointsBefore);
      const p = res.body.data;
      // The rounds read the same: same positions, same warnings, word for word.
      expect(withoutTime((await request(roundsApp.app).post(`/api/portfolio/${big.address}/refresh`)).body.data)).toEqual(withoutTime(p));
      expect(p.lendingPositions).toEqual([]);
      expect(p.healthFactor).toBeNull();
      expect(p.liquidityPositions).toHaveLength(11);
      expect(p.tokenBalances.find((b: { token: string }) => b.token === token('USDT0').address)).toMatchObject({ balance: units(2_000, 6).toString(), valueUSD: 2_000 });
      expect(p.warnings).toEqual([{ source: 'yei', message: expect.stringContaining('yei positions could not be read') }]);
    } finally {
      await h.devnet.setCode(market.pool, code);
    }
  });

  it('on a network whose registry has no Yei, shows no lending positions, no health factor and no warning', async () => {
    const noYei = await startApp(registryFor({ yei: false }));
    const res = await request(noYei.app).get(`/api/portfolio/${big.address}`);
    expect(res.status).toBe(200);
    const p = res.body.data;
    expect(p.lendingPositions).toEqual([]);
    expect(p.healthFactor).toBeNull();
    expect(p.warnings).toEqual([]);
    expect([p.totalSuppliedUSD, p.totalBorrowedUSD]).toEqual([0, 0]);
    expect(p.risk).toMatchObject({ healthFactor: null, liquidationRisk: 'none', liquidationPrice: null });
    expect(p.liquidityPositions).toHaveLength(11);
    expect(p.netWorthUSD).toBe(p.totalValueUSD);
  });
});
