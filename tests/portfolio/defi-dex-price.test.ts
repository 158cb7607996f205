import request from 'supertest';
import { getAddress, type Address } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { PoolKey } from '../../src/adapters/protocols/uniswap-v3/compute-pool-address';
import { uniswapV3PoolAbi } from '../../src/adapters/protocols/uniswap-v3/uniswap-v3-abis';
import { getSqrtRatioAtTick } from '../../src/domain/uniswap-v3';
import type { RunningServer } from '../../src/main';
import { startAppOnHarness, startChainHarness, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import { deployTestTokens, mintTokens, type DevnetAccount, type TestToken } from '../support/devnet';
import { makeTestClock } from '../support/test-clock';
import { approveUniswapV3, createPoolV3, deployUniswapV3, mintPositionsV3, type MintedPosition, type UniswapV3Deployment } from '../support/protocols/uniswap-v3';

jest.setTimeout(120_000);

const freshWallet = (): Address => privateKeyToAccount(generatePrivateKey()).address;
const e = (n: number, decimals: number): bigint => BigInt(n) * 10n ** BigInt(decimals);
const relErr = (actual: number, expected: number) => Math.abs(actual / expected - 1);
const MIN_LIQUIDITY_USD = 10_000;

interface BalanceJson {
  token: string;
  priceUSD: number | null;
  priceSource: string | null;
  priceStale: boolean;
}

describe('DEX price fallback in the portfolio (DragonSwap V2 pools against USDC, behind the fake CoinGecko)', () => {
  let h: ChainHarness;
  let v3: UniswapV3Deployment;
  let usdc: TestToken;
  let deep: TestToken;
  let shallow: TestToken;
  let wsei: TestToken;
  let wseiPool: Address;
  let registryFile: string;
  const apps: RunningServer[] = [];
  let pools: Record<'deep' | 'shallow', { key: PoolKey; address: Address }>;
  let position: MintedPosition;
  let app: RunningServer;
  let removeRegistry: () => void;
  const holder = freshWallet();
  const wseiHolder = freshWallet();
  const clock = makeTestClock();
  const startApp = async (env: Record<string, string>) => {
    const started = await startAppOnHarness(h, registryFile, env, { now: clock.now });
    apps.push(started);
    return started;
  };

  /** 2 × the USDC side's virtual reserve (L·√P or L/√P) of a pool, in USD: what the floor is compared with. */
  const depthUSD = async (tk: TestToken, pool: Address): Promise<number> => {
    const [[sqrtPriceX96], liquidity] = await Promise.all([
      h.devnet.publicClient.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName: 'slot0' }),
      h.devnet.publicClient.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName: 'liquidity' }),
    ]);
    const tokenIs0 = getAddress(tk.address).toLowerCase() < getAddress(usdc.address).toLowerCase();
    const quoteDepth = tokenIs0 ? (liquidity * sqrtPriceX96) / 2n ** 96n : (liquidity * 2n ** 96n) / sqrtPriceX96;
    return (2 * Number(quoteDepth) * 1) / 10 ** usdc.decimals;
  };

  /** USD per whole `tk` in its USDC pool now, from slot0 (USDC at $1 on the fake CoinGecko). */
  const slot0Price = async (tk: TestToken, pool: Address): Promise<number> => {
    const [sqrtPriceX96] = await h.devnet.publicClient.readContract({ address: pool, abi: uniswapV3PoolAbi, functionName: 'slot0' });
    const ratio = (Number(sqrtPriceX96) / 2 ** 96) ** 2; // token1 base units per token0 base unit
    const tokenIs0 = getAddress(tk.address).toLowerCase() < getAddress(usdc.address).toLowerCase();
    return tokenIs0 ? ratio * 10 ** (tk.decimals - usdc.decimals) : (1 / ratio) * 10 ** (tk.decimals - usdc.decimals);
  };

  /** A 0.3% pool of `tk`/USDC near `price` USDC per token, holding one position of the given amounts (±6000 ticks). */
  const poolWith = async (lp: DevnetAccount, tk: TestToken, price: number, tokenAmount: bigint, usdcAmount: bigint, recipient: Address) => {
    const tokenIs0 = getAddress(tk.address).toLowerCase() < getAddress(usdc.address).toLowerCase();
    const raw = tokenIs0 ? price * 10 ** (usdc.decimals - tk.decimals) : (1 / price) * 10 ** (tk.decimals - usdc.decimals);
    const tick = Math.round(Math.log(raw) / Math.log(1.0001) / 60) * 60;
    const created = await createPoolV3(h.devnet, v3, { tokenA: tk.address, tokenB: usdc.address, fee: 3000, sqrtPriceX96: getSqrtRatioAtTick(tick) });
    const [minted] = await mintPositionsV3(h.devnet, v3, lp, [
      {
        key: created.key,
        tickLower: tick - 6000,
        tickUpper: tick + 6000,
        amount0Desired: tokenIs0 ? tokenAmount : usdcAmount,
        amount1Desired: tokenIs0 ? usdcAmount : tokenAmount,
        recipient,
      },
    ]);
    if (minted === undefined) throw new Error('no position minted');
    return { created, minted };
  };

  beforeAll(async () => {
    h = await startChainHarness();
    const lp = h.devnet.accounts[1];
    if (lp === undefined) throw new Error('devnet needs 2 accounts');
    v3 = await deployUniswapV3(h.devnet);
    [usdc, deep, shallow, wsei] = (await deployTestTokens(h.devnet, [
      { symbol: 'USDC', name: 'USD Coin', decimals: 6 },
      { symbol: 'DEEP', name: 'Deep token', decimals: 18 },
      { symbol: 'SHLW', name: 'Shallow token', decimals: 8 },
      { symbol: 'WSEI', name: 'Wrapped SEI', decimals: 18 },
    ])) as [TestToken, TestToken, TestToken, TestToken];
    await mintTokens(h.devnet, [usdc, deep, shallow, wsei].map((t) => ({ token: t.address, to: lp.address, amount: 10n ** 33n })));
    await approveUniswapV3(h.devnet, v3, lp, [usdc.address, deep.address, shallow.address, wsei.address]);
    // DEEP: about $2.37 with ~$500k of USDC in range. SHLW: about $4.20 with ~$40 of USDC, far below the floor.
    const deepPool = await poolWith(lp, deep, 2.37, e(200_000, 18), e(500_000, 6), holder);
    const shallowPool = await poolWith(lp, shallow, 4.2, e(10, 8), e(42, 6), lp.address);
    pools = { deep: deepPool.created, shallow: shallowPool.created };
    position = deepPool.minted;
    // WSEI: $0.50 on CoinGecko, but its deep USDC pool trades at about $0.30.
    wseiPool = (await poolWith(lp, wsei, 0.3, e(2_000_000, 18), e(600_000, 6), lp.address)).created.address;
    await mintTokens(h.devnet, [
      { token: deep.address, to: holder, amount: e(150, 18) },
      { token: shallow.address, to: holder, amount: e(7, 8) },
      { token: usdc.address, to: holder, amount: e(25, 6) },
      { token: wsei.address, to: wseiHolder, amount: e(1_000, 18) },
    ]);
    h.gecko.setPrice({ platform: 'sei-v2', address: wsei.address, usd: 0.5 });
    h.gecko.setPrice({ platform: 'sei-v2', address: usdc.address, usd: 1 });
    h.gecko.setPrice({ id: 'sei-network', usd: 0.5 });
    const registry = writeRegistryFile({
      tokens: [
        { address: usdc.address, symbol: 'USDC', name: 'USD Coin', decimals: 6, coingeckoId: null, isStable: true },
        { address: deep.address, symbol: 'DEEP', name: 'Deep token', decimals: 18, coingeckoId: null },
        { address: shallow.address, symbol: 'SHLW', name: 'Shallow token', decimals: 8, coingeckoId: null },
        { address: wsei.address, symbol: 'WSEI', name: 'Wrapped SEI', decimals: 18, coingeckoId: null },
      ],
      protocols: {
        yei: null,
        dragonswapV1: null,
        dragonswapV2: { factory: v3.factory, nonfungiblePositionManager: v3.positionManager, poolInitCodeHash: v3.poolInitCodeHash },
      },
    });
    removeRegistry = registry.remove;
    registryFile = registry.file;
    app = await startApp({ DEX_MIN_LIQUIDITY_USD: String(MIN_LIQUIDITY_USD) });
  });

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.shutdown('done')));
    await h?.stop();
    removeRegistry?.();
  });

  it('prices a token CoinGecko does not know from its deep USDC pool (source "dex"), and leaves the one with a shallow pool unpriced', async () => {
    const res = await request(app.app).get(`/api/portfolio/${holder}`);
    expect(res.status).toBe(200);
    const p = res.body.data;
    const balanceOf = (tk: TestToken) => p.tokenBalances.find((b: { token: string }) => b.token === tk.address);

    const deepPrice = await slot0Price(deep, pools.deep.address);
    const deepBalance = balanceOf(deep);
    expect(deepBalance).toMatchObject({ symbol: 'DEEP', balanceFormatted: '150', priceSource: 'dex', priceStale: false, change24h: null });
    expect(relErr(deepBalance.priceUSD, deepPrice)).toBeLessThan(1e-9);
    expect(deepBalance.valueUSD).toBeCloseTo(150 * deepPrice, 4);
    expect(deepPrice).toBeGreaterThan(2.3);
    expect(deepPrice).toBeLessThan(2.45);

    expect(balanceOf(shallow)).toMatchObject({ symbol: 'SHLW', balanceFormatted: '7', priceUSD: null, valueUSD: null, priceSource: null });
    expect(balanceOf(usdc)).toMatchObject({ priceUSD: 1, valueUSD: 25, priceSource: 'coingecko' });
    expect(p.unpricedTokens).toBe(1);

    // The LP position in the DEEP pool is valued at the same DEX price.
    const [lp] = p.liquidityPositions;
    expect(lp.id).toBe(position.tokenId.toString());
    const tokenIs0 = getAddress(deep.address).toLowerCase() < getAddress(usdc.address).toLowerCase();
    const [deepRaw, usdcRaw] = tokenIs0 ? [lp.token0Amount, lp.token1Amount] : [lp.token1Amount, lp.token0Amount];
    expect(lp.valueUSD).toBeCloseTo((Number(deepRaw) / 1e18) * deepPrice + Number(usdcRaw) / 1e6, 3);
    expect(p.totalValueUSD).toBeCloseTo(0 * 0.5 + 25 + 150 * deepPrice + lp.valueUSD, 3);
    expect(p.warnings).toEqual([]);
  });

  it('quotes the same DEX price on /api/prices', async () => {
    const res = await request(app.app).get(`/api/prices?tokens=${deep.address},${shallow.address}`);
    expect(res.status).toBe(200);
    const prices = res.body.data.prices;
    expect(prices[deep.address]).toMatchObject({ source: 'dex', stale: false });
    expect(relErr(prices[deep.address].usd, await slot0Price(deep, pools.deep.address))).toBeLessThan(1e-9);
    expect(prices[shallow.address]).toBeUndefined();
  });

  it('trusts a pool exactly at the floor (2 × USDC-side depth = DEX_MIN_LIQUIDITY_USD) and not one a hair below it', async () => {
    const floor = await depthUSD(shallow, pools.shallow.address);
    expect(floor).toBeGreaterThan(50);
    expect(floor).toBeLessThan(MIN_LIQUIDITY_USD);
    const atFloor = await startApp({ DEX_MIN_LIQUIDITY_USD: String(floor) });
    const aboveFloor = await startApp({ DEX_MIN_LIQUIDITY_USD: String(floor * (1 + 1e-12)) });
    const [priced, unpriced] = await Promise.all(
      [atFloor, aboveFloor].map(async (a) => (await request(a.app).get(`/api/portfolio/${holder}`)).body.data.tokenBalances.find((b: { token: string }) => b.token === shallow.address)),
    );
    expect(priced).toMatchObject({ priceSource: 'dex', valueUSD: expect.any(Number) });
    expect(relErr(priced.priceUSD, await slot0Price(shallow, pools.shallow.address))).toBeLessThan(1e-9);
    expect(unpriced).toMatchObject({ priceUSD: null, valueUSD: null, priceSource: null });
  });

  it('when CoinGecko is down, prices WSEI from its deep stable pool (fresh, source "dex")', async () => {
    const outage = await startApp({ DEX_MIN_LIQUIDITY_USD: String(MIN_LIQUIDITY_USD), CACHE_TTL_PRICES: '1' });
    const before = (await request(outage.app).get(`/api/portfolio/${wseiHolder}`)).body.data;
    const wseiOf = (p: { tokenBalances: BalanceJson[] }) => p.tokenBalances.find((b) => b.token === wsei.address);
    expect(wseiOf(before)).toMatchObject({ priceUSD: 0.5, valueUSD: 500, priceSource: 'coingecko', priceStale: false });
    clock.advance(1001); // the cached prices (CACHE_TTL_PRICES=1) expire
    h.gecko.setFailing(500);
    try {
      const res = await request(outage.app).post(`/api/portfolio/${wseiHolder}/refresh`);
      expect(res.status).toBe(200);
      const poolPrice = await slot0Price(wsei, wseiPool);
      expect(poolPrice).toBeGreaterThan(0.29);
      expect(poolPrice).toBeLessThan(0.31);
      const after = wseiOf(res.body.data);
      expect(after).toMatchObject({ priceSource: 'dex', priceStale: false });
      expect(relErr(after?.priceUSD ?? NaN, poolPrice)).toBeLessThan(1e-9);
    } finally {
      h.gecko.setFailing(null);
    }
  });

  it('when CoinGecko is down and WSEI has no pool, serves its CoinGecko copy flagged stale, not passed off as a fresh DEX price', async () => {
    // Another network's registry: USDC and a WSEI that trades nowhere on DragonSwap V2.
    const [lonelyWsei] = await deployTestTokens(h.devnet, [{ symbol: 'WSEI', name: 'Wrapped SEI', decimals: 18 }]);
    if (lonelyWsei === undefined) throw new Error('no token');
    const wallet = freshWallet();
    await mintTokens(h.devnet, [{ token: lonelyWsei.address, to: wallet, amount: e(1_000, 18) }]);
    h.gecko.setPrice({ platform: 'sei-v2', address: lonelyWsei.address, usd: 0.5 });
    const registry = writeRegistryFile({
      tokens: [
        { address: usdc.address, symbol: 'USDC', decimals: 6, coingeckoId: null, isStable: true },
        { address: lonelyWsei.address, symbol: 'WSEI', decimals: 18, coingeckoId: null },
      ],
      protocols: { yei: null, dragonswapV1: null, dragonswapV2: { factory: v3.factory, nonfungiblePositionManager: v3.positionManager, poolInitCodeHash: v3.poolInitCodeHash } },
    });
    try {
      const outage = await startAppOnHarness(h, registry.file, { DEX_MIN_LIQUIDITY_USD: String(MIN_LIQUIDITY_USD), CACHE_TTL_PRICES: '1' }, { now: clock.now });
      apps.push(outage);
      const wseiOf = (p: { tokenBalances: Array<{ token: string }> }) => p.tokenBalances.find((b) => b.token === lonelyWsei.address);
      const before = (await request(outage.app).get(`/api/portfolio/${wallet}`)).body.data;
      expect(wseiOf(before)).toMatchObject({ priceUSD: 0.5, valueUSD: 500, priceSource: 'coingecko', priceStale: false });
      clock.advance(1001); // the cached prices (CACHE_TTL_PRICES=1) expire
      h.gecko.setFailing(500);
      try {
        const res = await request(outage.app).post(`/api/portfolio/${wallet}/refresh`);
        expect(res.status).toBe(200);
        expect(wseiOf(res.body.data)).toMatchObject({ priceUSD: 0.5, valueUSD: 500, priceSource: 'coingecko', priceStale: true });
        const prices = await request(outage.app).get(`/api/prices?tokens=${lonelyWsei.address}`);
        expect(prices.body.data.prices[lonelyWsei.address]).toMatchObject({ usd: 0.5, source: 'coingecko', stale: true });
      } finally {
        h.gecko.setFailing(null);
      }
    } finally {
      registry.remove();
    }
  });
});
