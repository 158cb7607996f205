import { getAddress, type Address } from 'viem';
import { toPoolKey, type PoolKey } from '../../../src/adapters/protocols/uniswap-v3/compute-pool-address';
import type { Registry } from '../../../src/config/registry';
import { getSqrtRatioAtTick } from '../../../src/domain/uniswap-v3';
import { freshAccount, type DevnetAccount, type TestToken } from '../devnet';
import type { AaveTestMarket } from '../protocols/aave-v3-test-market';
import { addLiquidityV2, createPairV2 } from '../protocols/uniswap-v2';
import { approveUniswapV3, createPoolV3, mintPositionsV3, swapExactInputV3, type MintedPosition, type MintPositionRequest, type UniswapV3Deployment } from '../protocols/uniswap-v3';
import { deploySeiDefiDevnet, type SeiDefiDevnet } from '../sei-defi/deploy-sei-defi-devnet';
import { SEI_DEFI_RESERVES, type SeiDefiReserveSpec } from '../sei-defi/sei-defi-reserves';
import { writeRegistryFile, type ChainHarness } from './chain-harness';

/** The five Yei reserves of the Sei DeFi devnet; each `usd` is both the oracle's price and the fake CoinGecko's. */
export const DEFI_SPECS: ReadonlyArray<SeiDefiReserveSpec> = SEI_DEFI_RESERVES;
/** The fake CoinGecko price of native SEI. */
export const NATIVE_USD = 0.4;
/** How long the Yei positions have been open when the fixture is ready: 30 days. */
export const INTEREST_SECONDS = 30 * 24 * 60 * 60;

export const specOf = (symbol: string): SeiDefiReserveSpec => {
  const s = DEFI_SPECS.find((x) => x.symbol === symbol);
  if (s === undefined) throw new Error(`no spec ${symbol}`);
  return s;
};

/** A decimal amount in whole units → base units. */
export const units = (amount: number | string, decimals: number): bigint => {
  const [whole = '0', fraction = ''] = String(amount).split('.');
  return BigInt(whole) * 10n ** BigInt(decimals) + BigInt((fraction + '0'.repeat(decimals)).slice(0, decimals) || '0');
};

export interface DefiProtocolsSwitch {
  readonly yei?: boolean;
  readonly v2?: boolean;
  readonly v1?: boolean;
}

export interface DefiFixture {
  /** The whole Sei DeFi devnet the positions live on (routers, QuoterV2, WSEI included). */
  readonly defi: SeiDefiDevnet;
  readonly market: AaveTestMarket;
  readonly v3: UniswapV3Deployment;
  readonly v2Factory: Address;
  readonly v1Pair: Address;
  /** The devnet account that funds reserves and pools. */
  readonly lp: DevnetAccount;
  /** 5 Yei positions (3 supplies, 2 borrows open for INTEREST_SECONDS), 10 DragonSwap V2 NFTs (the last 2 out of range), 1 V1 LP; 100 SEI. */
  readonly big: DevnetAccount;
  /** 1 Yei supply and 1 DragonSwap V2 NFT; 10 SEI. */
  readonly small: DevnetAccount;
  readonly bigMinted: ReadonlyArray<MintedPosition>;
  readonly bigRequests: ReadonlyArray<MintPositionRequest>;
  readonly token: (symbol: string) => TestToken;
  /** A registry file naming the 5 tokens and the three protocols (each can be switched off); `remove` deletes it. */
  readonly registry: (protocols?: DefiProtocolsSwitch) => { readonly file: string; readonly remove: () => void };
  /** The registry the app loads from that file, for tests that build the readers themselves. */
  readonly registryValue: (protocols?: DefiProtocolsSwitch) => Registry;
}

/** The tick nearest `quotePerBase` (whole quote per whole base) in the pool, on the spacing grid. */
const tickAt = (key: PoolKey, base: TestToken, quote: TestToken, quotePerBase: number, spacing: number): number => {
  const baseIs0 = getAddress(key.token0) === getAddress(base.address);
  const raw = baseIs0 ? quotePerBase * 10 ** (quote.decimals - base.decimals) : (1 / quotePerBase) * 10 ** (base.decimals - quote.decimals);
  return Math.round(Math.log(raw) / Math.log(1.0001) / spacing) * spacing;
};

/**
 * Deploys the Sei DeFi devnet (Yei = real Aave v3 with 5 reserves, DragonSwap V2 and V1 = real Uniswap v3 and v2) on
 * the harness's devnet, prices every token on the fake CoinGecko, and builds the `big` and `small` wallets' positions.
 */
export const setupDefiFixture = async (h: ChainHarness): Promise<DefiFixture> => {
  const [, lp] = h.devnet.accounts;
  if (lp === undefined) throw new Error('devnet needs 2 accounts');
  // Fresh wallets each run: the snapshot table outlives test runs.
  const [big, small] = [freshAccount(h.devnet), freshAccount(h.devnet)];
  await Promise.all([big, small].map((a) => h.devnet.setBalance(a.address, units(1_000, 18))));
  const defi = await deploySeiDefiDevnet(h.devnet, { reserves: DEFI_SPECS });
  const { yei: market, dragonswapV2: v3 } = defi;
  const v2Factory = defi.dragonswapV1.factory;
  const { token } = defi;
  DEFI_SPECS.forEach((s) => h.gecko.setPrice({ platform: 'sei-v2', address: token(s.symbol).address, usd: s.usd, change24h: 1 }));
  h.gecko.setPrice({ id: 'sei-network', usd: NATIVE_USD, change24h: 0 });

  // Yei: the LP funds the stablecoin reserves; `big` touches all 5 reserves, `small` one.
  await market.supply(lp, token('USDC').address, units(1_000_000, 6));
  await market.supply(lp, token('USDT0').address, units(1_000_000, 6));
  await market.supply(big, token('WSEI').address, units(20_000, 18));
  await market.supply(big, token('WETH').address, units(2, 18));
  await market.supply(big, token('WBTC').address, units('0.1', 8));
  await market.borrow(big, token('USDC').address, units(10_000, 6));
  await market.borrow(big, token('USDT0').address, units(2_000, 6));
  await market.supply(small, token('USDC').address, units(1_000, 6));
  // A month passes: the debts (and the stablecoin deposits) carry visible interest, as real positions do.
  await h.devnet.increaseTime(INTEREST_SECONDS);

  // DragonSwap V2: WSEI/USDC 0.3% at $0.50 and WETH/USDC 0.05% at $3000; 10 NFTs to `big` (2 out of range), 1 to `small`.
  const [wsei, usdc, weth] = [token('WSEI'), token('USDC'), token('WETH')];
  await defi.mint([wsei, usdc, weth].map((t) => ({ token: t.address, to: lp.address, amount: 10n ** 30n })));
  await approveUniswapV3(h.devnet, v3, lp, [wsei.address, usdc.address, weth.address]);
  const pools = [
    { base: wsei, quote: usdc, fee: 3000, spacing: 60, price: 0.5, baseAmount: units(10_000, 18), quoteAmount: units(5_000, 6) },
    { base: weth, quote: usdc, fee: 500, spacing: 10, price: 3000, baseAmount: units(2, 18), quoteAmount: units(6_000, 6) },
  ];
  const created: Array<(typeof pools)[number] & { readonly key: PoolKey; readonly tick: number; readonly baseIs0: boolean }> = [];
  for (const p of pools) {
    const key = toPoolKey(p.base.address, p.quote.address, p.fee);
    const tick = tickAt(key, p.base, p.quote, p.price, p.spacing);
    await createPoolV3(h.devnet, v3, { tokenA: p.base.address, tokenB: p.quote.address, fee: p.fee, sqrtPriceX96: getSqrtRatioAtTick(tick) });
    created.push({ ...p, key, tick, baseIs0: getAddress(key.token0) === getAddress(p.base.address) });
  }
  const mintRequest = (i: number, recipient: Address): MintPositionRequest => {
    const pool = created[i % 2];
    if (pool === undefined) throw new Error('no pool');
    const outOfRange = i >= 8;
    const width = (i + 1) * 20 * pool.spacing;
    const [tickLower, tickUpper] = outOfRange ? [pool.tick + 100 * pool.spacing, pool.tick + 300 * pool.spacing] : [pool.tick - width, pool.tick + width];
    const [amount0Desired, amount1Desired] = pool.baseIs0 ? [pool.baseAmount, pool.quoteAmount] : [pool.quoteAmount, pool.baseAmount];
    return { key: pool.key, tickLower, tickUpper, amount0Desired, amount1Desired, recipient };
  };
  const bigRequests = Array.from({ length: 10 }, (_, i) => mintRequest(i, big.address));
  const minted = await mintPositionsV3(h.devnet, v3, lp, [...bigRequests, mintRequest(0, small.address)]);
  const bigMinted = minted.slice(0, 10);
  // Swaps through both pools, so the in-range positions earn fees.
  for (const p of created) {
    await swapExactInputV3(h.devnet, v3, lp, { tokenIn: p.quote.address, tokenOut: p.base.address, fee: p.fee, amountIn: units(1_000, 6) });
    await swapExactInputV3(h.devnet, v3, lp, { tokenIn: p.base.address, tokenOut: p.quote.address, fee: p.fee, amountIn: p.baseAmount / 20n });
  }

  // DragonSwap V1: one WSEI/USDC LP holding for `big`.
  const v1Pair = await createPairV2(h.devnet, v2Factory, wsei.address, usdc.address);
  await addLiquidityV2(h.devnet, { pair: v1Pair, tokenA: wsei.address, amountA: units(1_000, 18), tokenB: usdc.address, amountB: units(500, 6), to: lp.address }, defi.mint);
  await addLiquidityV2(h.devnet, { pair: v1Pair, tokenA: wsei.address, amountA: units(400, 18), tokenB: usdc.address, amountB: units(200, 6), to: big.address }, defi.mint);

  // Known native balances (the wallets paid gas above).
  await h.devnet.setBalance(big.address, units(100, 18));
  await h.devnet.setBalance(small.address, units(10, 18));

  const { protocols: all } = defi.registry;
  const protocolsOf = (protocols: DefiProtocolsSwitch) => ({
    yei: protocols.yei === false ? null : all.yei,
    dragonswapV2: protocols.v2 === false ? null : all.dragonswapV2,
    dragonswapV1: protocols.v1 === false ? null : all.dragonswapV1,
  });
  const registry = (protocols: DefiProtocolsSwitch = {}) => writeRegistryFile({ ...defi.registry, protocols: protocolsOf(protocols) });
  const registryValue = (protocols: DefiProtocolsSwitch = {}): Registry => {
    const { yei, dragonswapV2, dragonswapV1 } = protocolsOf(protocols);
    return {
      chainId: h.devnet.chainId,
      nativeCoingeckoId: 'sei-network',
      coingeckoPlatform: 'sei-v2',
      tokens: defi.registry.tokens,
      protocols: { ...(yei === null ? {} : { yei }), ...(dragonswapV2 === null ? {} : { dragonswapV2 }), ...(dragonswapV1 === null ? {} : { dragonswapV1 }) },
    };
  };

  return { defi, market, v3, v2Factory, v1Pair, lp, big, small, bigMinted, bigRequests, token, registry, registryValue };
};
