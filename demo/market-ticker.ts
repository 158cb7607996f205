import { erc20Abi, getAddress } from 'viem';
import { uniswapV3PoolAbi } from '../src/adapters/protocols/uniswap-v3/uniswap-v3-abis';
import { getSqrtRatioAtTick } from '../src/domain/uniswap-v3';
import type { Devnet, DevnetAccount } from '../tests/support/devnet';
import { swapExactInputV3 } from '../tests/support/protocols/uniswap-v3';
import type { SeiDefiDevnet } from '../tests/support/sei-defi/deploy-sei-defi-devnet';
import { tickForPrice, type MarketPool } from './sample-wallets';

export interface MarketTicker {
  /** Ends the ticks; resolves once a tick in progress has finished. */
  readonly stop: () => Promise<void>;
}

export interface MarketTickerOptions {
  readonly intervalMs: number;
  /** Largest move of one tick, as a fraction of the price (0.03 = 3%). */
  readonly maxStep: number;
  /** The price stays within this fraction of where it started. */
  readonly band: number;
  readonly random?: () => number;
  readonly onTick?: (usd: number) => void;
}

/**
 * A "market": every `intervalMs` the pool's price takes a random step (swaps by the market maker, up to a
 * sqrtPriceLimit, so the pool lands exactly on the new tick) and Yei's oracle follows it, so the DEX price, the
 * wallets' values and the borrower's health factor all move — and the server's price, portfolio and alert pushes fire.
 */
export const startMarketTicker = (devnet: Devnet, defi: SeiDefiDevnet, maker: DevnetAccount, market: MarketPool, options: MarketTickerOptions): MarketTicker => {
  const random = options.random ?? Math.random;
  const tokenIs0 = getAddress(market.token.address).toLowerCase() < getAddress(market.usdc.address).toLowerCase();
  let usd = market.startUsd;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;

  const moveTo = async (targetUsd: number): Promise<void> => {
    const [sqrtNow] = await devnet.publicClient.readContract({ address: market.pool, abi: uniswapV3PoolAbi, functionName: 'slot0' });
    const sqrtTarget = getSqrtRatioAtTick(tickForPrice(market.token, market.usdc, targetUsd));
    if (sqrtTarget === sqrtNow) return;
    // A rising sqrt price (token1 per token0) takes token1 in; a falling one takes token0 in.
    const token0In = sqrtTarget < sqrtNow;
    const tokenIn = token0In === tokenIs0 ? market.token : market.usdc;
    const tokenOut = tokenIn === market.token ? market.usdc : market.token;
    const held = await devnet.publicClient.readContract({ address: tokenIn.address, abi: erc20Abi, functionName: 'balanceOf', args: [maker.address] });
    await swapExactInputV3(devnet, defi.dragonswapV2, maker, { tokenIn: tokenIn.address, tokenOut: tokenOut.address, fee: market.key.fee, amountIn: held / 2n, sqrtPriceLimitX96: sqrtTarget });
    await defi.yei.setAssetPrice(market.token.address, BigInt(Math.round(targetUsd * 1e8)));
  };

  const tick = async (): Promise<void> => {
    const step = (random() * 2 - 1) * options.maxStep;
    const low = market.startUsd * (1 - options.band);
    const high = market.startUsd * (1 + options.band);
    usd = Math.min(high, Math.max(low, usd * (1 + step)));
    await moveTo(usd);
    options.onTick?.(usd);
  };

  const timer = setInterval(() => {
    if (stopped) return;
    running = running.then(tick).catch((error: unknown) => {
      process.stderr.write(`market tick failed: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  }, options.intervalMs);

  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
};
