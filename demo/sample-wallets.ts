import { bech32 } from '@scure/base';
import { getAddress, hexToBytes, type Address } from 'viem';
import type { PoolKey } from '../src/adapters/protocols/uniswap-v3/compute-pool-address';
import { getSqrtRatioAtTick } from '../src/domain/uniswap-v3';
import { associateSeiAddress, type Devnet, type DevnetAccount, type TestToken } from '../tests/support/devnet';
import { addLiquidityV2, createPairV2 } from '../tests/support/protocols/uniswap-v2';
import { approveUniswapV3, createPoolV3, mintPositionsV3 } from '../tests/support/protocols/uniswap-v3';
import type { SeiDefiDevnet } from '../tests/support/sei-defi/deploy-sei-defi-devnet';

/** One wallet the demo prepares, and what makes it interesting. */
export interface SampleWallet {
  readonly role: string;
  readonly address: Address;
  readonly sei1?: string;
  readonly account: DevnetAccount;
}

/** A DragonSwap V2 (Uniswap v3) 0.3% pool of a token against USDC, and the price the demo started it at. */
export interface MarketPool {
  readonly token: TestToken;
  readonly usdc: TestToken;
  readonly pool: Address;
  readonly key: PoolKey;
  readonly startUsd: number;
}

const FEE = 3000;
const TICK_SPACING = 60;
const units = (amount: number, decimals: number): bigint => BigInt(Math.round(amount * 1e6)) * 10n ** BigInt(decimals) / 1_000_000n;
const isToken0 = (token: TestToken, other: TestToken): boolean => getAddress(token.address).toLowerCase() < getAddress(other.address).toLowerCase();

/** The pool tick nearest to `usd` USDC per whole `token`, on the 0.3% tick spacing. */
export const tickForPrice = (token: TestToken, usdc: TestToken, usd: number): number => {
  const raw = isToken0(token, usdc) ? usd * 10 ** (usdc.decimals - token.decimals) : (1 / usd) * 10 ** (token.decimals - usdc.decimals);
  return Math.round(Math.log(raw) / Math.log(1.0001) / TICK_SPACING) * TICK_SPACING;
};

/** The market pool of the token with this symbol. */
export const poolOf = (pools: ReadonlyArray<MarketPool>, symbol: string): MarketPool => {
  const found = pools.find((p) => p.token.symbol === symbol);
  if (found === undefined) throw new Error(`no ${symbol} market pool`);
  return found;
};

/** A bech32 `sei1…` spelling of the address's 20 bytes, associated with it through the devnet's Addr precompile stand-in. */
const associateSei1 = async (devnet: Devnet, address: Address): Promise<string> => {
  const sei1 = bech32.encode('sei', bech32.toWords(hexToBytes(address)));
  await associateSeiAddress(devnet, sei1, address);
  return sei1;
};

/** Deep pools the DEX price fallback trusts: `usdDepth` of each side around the price, ±6000 ticks, owned by the market maker. */
const openMarketPools = async (
  devnet: Devnet,
  defi: SeiDefiDevnet,
  maker: DevnetAccount,
  specs: ReadonlyArray<{ readonly symbol: string; readonly usd: number; readonly usdDepth: number }>,
): Promise<ReadonlyArray<MarketPool>> => {
  const usdc = defi.token('USDC');
  const v3 = defi.dragonswapV2;
  const pools: MarketPool[] = [];
  for (const spec of specs) {
    const token = defi.token(spec.symbol);
    const tick = tickForPrice(token, usdc, spec.usd);
    const created = await createPoolV3(devnet, v3, { tokenA: token.address, tokenB: usdc.address, fee: FEE, sqrtPriceX96: getSqrtRatioAtTick(tick) });
    const tokenAmount = units(spec.usdDepth / spec.usd, token.decimals);
    const usdcAmount = units(spec.usdDepth, usdc.decimals);
    await defi.mint([
      { token: token.address, to: maker.address, amount: tokenAmount * 2n },
      { token: usdc.address, to: maker.address, amount: usdcAmount * 2n },
    ]);
    const token0 = isToken0(token, usdc);
    await mintPositionsV3(devnet, v3, maker, [
      {
        key: created.key,
        tickLower: tick - 6000,
        tickUpper: tick + 6000,
        amount0Desired: token0 ? tokenAmount : usdcAmount,
        amount1Desired: token0 ? usdcAmount : tokenAmount,
      },
    ]);
    pools.push({ token, usdc, pool: created.address, key: created.key, startUsd: spec.usd });
  }
  return pools;
};

/**
 * The demo's chain state: deep WSEI, WETH and WBTC pools against USDC (so every price comes from the chain), and four
 * wallets — a Yei borrower close to liquidation, a DragonSwap V2 LP out of range, a plain holder with a DragonSwap V1
 * LP, and the same holder's `sei1` spelling.
 */
export const prepareSampleWallets = async (
  devnet: Devnet,
  defi: SeiDefiDevnet,
): Promise<{ readonly wallets: ReadonlyArray<SampleWallet>; readonly pools: ReadonlyArray<MarketPool>; readonly maker: DevnetAccount }> => {
  const [maker, borrower, lp, holder] = devnet.accounts;
  if (maker === undefined || borrower === undefined || lp === undefined || holder === undefined) throw new Error('the demo needs four devnet accounts');
  // Enough native SEI to wrap the WSEI the pools and the borrower need (the borrower keeps 100 SEI for gas afterwards).
  for (const account of [maker, borrower]) await devnet.setBalance(account.address, 10n ** 27n);
  const tokens = defi.tokens.map((t) => t.address);
  await approveUniswapV3(devnet, defi.dragonswapV2, maker, tokens);
  const pools = await openMarketPools(devnet, defi, maker, [
    { symbol: 'WSEI', usd: 0.5, usdDepth: 2_000_000 },
    { symbol: 'WETH', usd: 3_000, usdDepth: 2_000_000 },
    { symbol: 'WBTC', usd: 55_000, usdDepth: 2_000_000 },
  ]);

  // The borrower: 10,000 WSEI ($5,000; liquidation threshold 80%) backing 3,600 USDC — health factor ≈ 1.11.
  const wsei = defi.token('WSEI');
  const usdc = defi.token('USDC');
  await defi.yei.supply(maker, usdc.address, units(1_000_000, usdc.decimals)); // the USDC the borrower borrows
  await defi.yei.supply(borrower, wsei.address, units(10_000, wsei.decimals));
  await defi.yei.borrow(borrower, usdc.address, units(3_600, usdc.decimals));
  await devnet.setBalance(borrower.address, units(100, 18));

  // The LP: a WETH/USDC position wholly beside today's price (ticks above the current one: it holds only token0 and earns nothing).
  const weth = defi.token('WETH');
  const now = tickForPrice(weth, usdc, 3_000);
  await defi.mint([
    { token: weth.address, to: lp.address, amount: units(2, weth.decimals) },
    { token: usdc.address, to: lp.address, amount: units(6_000, usdc.decimals) },
  ]);
  await approveUniswapV3(devnet, defi.dragonswapV2, lp, [weth.address, usdc.address]);
  const wethIs0 = isToken0(weth, usdc);
  await mintPositionsV3(devnet, defi.dragonswapV2, lp, [
    {
      key: poolOf(pools, 'WETH').key,
      tickLower: now + 10 * TICK_SPACING,
      tickUpper: now + 30 * TICK_SPACING,
      amount0Desired: wethIs0 ? units(1, weth.decimals) : units(3_000, usdc.decimals),
      amount1Desired: wethIs0 ? units(3_000, usdc.decimals) : units(1, weth.decimals),
    },
  ]);

  // The holder: SEI, USDC and WETH in the wallet, and a DragonSwap V1 WSEI/USDC LP.
  await defi.mint([
    { token: usdc.address, to: holder.address, amount: units(2_500, usdc.decimals) },
    { token: weth.address, to: holder.address, amount: units(1.5, weth.decimals) },
  ]);
  const pair = await createPairV2(devnet, defi.dragonswapV1.factory, wsei.address, usdc.address);
  await addLiquidityV2(
    devnet,
    { pair, tokenA: wsei.address, amountA: units(20_000, wsei.decimals), tokenB: usdc.address, amountB: units(10_000, usdc.decimals), to: holder.address },
    defi.mint,
  );
  const sei1 = await associateSei1(devnet, holder.address);

  return {
    maker,
    pools,
    wallets: [
      { role: 'Yei borrower near liquidation (health factor ≈ 1.11)', address: borrower.address, account: borrower },
      { role: 'DragonSwap V2 LP out of range (WETH/USDC above the price)', address: lp.address, account: lp },
      { role: 'Plain holder: SEI, USDC, WETH and a DragonSwap V1 WSEI/USDC LP', address: holder.address, account: holder },
      { role: 'The same holder by its sei1 address', address: holder.address, sei1, account: holder },
    ],
  };
};
