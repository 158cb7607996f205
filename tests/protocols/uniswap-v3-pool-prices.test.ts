import { getAddress, type Address } from 'viem';
import { makePoolAddressBook } from '../../src/adapters/protocols/uniswap-v3/pool-address-book';
import { readPoolPricesPlan, type PoolPricesRead } from '../../src/adapters/protocols/uniswap-v3/read-pool-prices-plan';
import { getSqrtRatioAtTick } from '../../src/domain/uniswap-v3';
import { deployTestTokens, mintTokens, startDevnet, type Devnet, type DevnetAccount, type TestToken } from '../support/devnet';
import { makePlanRunner, resultOf } from '../support/protocols/uniswap-read-harness';
import { approveUniswapV3, createPoolV3, deployUniswapV3, mintPositionsV3, type UniswapV3Deployment } from '../support/protocols/uniswap-v3';

describe('readPoolPricesPlan (for the DEX price fallback)', () => {
  let devnet: Devnet;
  let v3: UniswapV3Deployment;
  let token: TestToken;
  let quote: TestToken;
  const pools: Record<number, Address> = {};
  const ticks: Record<number, number> = {};

  /** Whole quote per whole token at a pool tick, whichever token sorts first: 1.0001^tick × 10^(decimals0 − decimals1), as the Uniswap v3 paper defines it. */
  const priceAtTick = (tick: number): number => {
    const tokenIsToken0 = getAddress(token.address).toLowerCase() < getAddress(quote.address).toLowerCase();
    return tokenIsToken0 ? 1.0001 ** tick * 10 ** (token.decimals - quote.decimals) : 1 / (1.0001 ** tick * 10 ** (quote.decimals - token.decimals));
  };

  beforeAll(async () => {
    devnet = await startDevnet();
    const lp = devnet.accounts[1] as DevnetAccount;
    v3 = await deployUniswapV3(devnet);
    [token, quote] = (await deployTestTokens(devnet, [
      { symbol: 'TKN', name: 'Token', decimals: 18 },
      { symbol: 'QTE', name: 'Quote', decimals: 6 },
    ])) as [TestToken, TestToken];
    await mintTokens(devnet, [token, quote].map((t) => ({ token: t.address, to: lp.address, amount: 10n ** 33n })));
    await approveUniswapV3(devnet, v3, lp, [token.address, quote.address]);
    const tokenIsToken0 = getAddress(token.address).toLowerCase() < getAddress(quote.address).toLowerCase();
    // About 2.5 and 2.6 quote per token in the 0.05% and 0.3% pools; the 1% pool exists but holds no liquidity.
    for (const [fee, price, spacing] of [[500, 2.5, 10], [3000, 2.6, 60], [10000, 3, 200]] as const) {
      const raw = tokenIsToken0 ? price * 10 ** (quote.decimals - token.decimals) : (1 / price) * 10 ** (token.decimals - quote.decimals);
      ticks[fee] = Math.floor(Math.log(raw) / Math.log(1.0001) / spacing) * spacing;
      const created = await createPoolV3(devnet, v3, { tokenA: token.address, tokenB: quote.address, fee, sqrtPriceX96: getSqrtRatioAtTick(ticks[fee] ?? 0) });
      pools[fee] = created.address;
      if (fee !== 10000) {
        const t = ticks[fee] ?? 0;
        await mintPositionsV3(devnet, v3, lp, [
          { key: created.key, tickLower: t - 100 * spacing, tickUpper: t + 100 * spacing, amount0Desired: fee === 500 ? 10n ** 25n : 10n ** 22n, amount1Desired: 10n ** 25n },
        ]);
      }
    }
  });

  afterAll(() => devnet.stop());

  const query = () => ({ token: token.address, tokenDecimals: token.decimals, quote: quote.address, quoteDecimals: quote.decimals, fees: [100, 500, 3000, 10000] });

  it('prices the token in each live pool in one round, leaving out absent (100) and empty (10000) pools', async () => {
    const book = makePoolAddressBook({ factory: v3.factory, poolInitCodeHash: v3.poolInitCodeHash });
    const outcome = await makePlanRunner(devnet.url)<PoolPricesRead>([readPoolPricesPlan(book, [query()])]);
    expect(outcome.rounds).toBe(1);
    const [answer] = resultOf(outcome, 'dex-prices').results;
    expect(answer?.pools.map((p) => [p.fee, p.pool])).toEqual([
      [500, pools[500]],
      [3000, pools[3000]],
    ]);
    for (const p of answer?.pools ?? []) {
      expect(p.tick).toBe(ticks[p.fee]);
      // TickMath's Q64.96 ratio and the double power agree to within a few parts in 10^11 at these ticks.
      expect(Math.abs(p.price / priceAtTick(ticks[p.fee] ?? NaN) - 1)).toBeLessThan(1e-10);
      expect(p.liquidity).toBeGreaterThan(0n);
    }
    const [deep, shallow] = answer?.pools ?? [];
    expect((deep?.quoteDepth ?? 0n) > (shallow?.quoteDepth ?? 0n)).toBe(true);
  });

  it('answers an empty query list without a read', () => {
    const book = makePoolAddressBook({ factory: v3.factory });
    expect(readPoolPricesPlan(book, []).start).toEqual({ done: { results: [] } });
  });

  it('with a wrong init code hash, finds the pools through getPool in a second round, then needs one round', async () => {
    const book = makePoolAddressBook({ factory: v3.factory, poolInitCodeHash: `0x${'22'.repeat(32)}` });
    const run = makePlanRunner(devnet.url);
    const first = await run<PoolPricesRead>([readPoolPricesPlan(book, [query()])]);
    expect(first.rounds).toBe(2);
    expect(resultOf(first, 'dex-prices').results[0]?.pools.map((p) => p.pool)).toEqual([pools[500], pools[3000]]);
    const again = await run<PoolPricesRead>([readPoolPricesPlan(book, [query()])]);
    expect(again.rounds).toBe(1);
    expect(resultOf(again, 'dex-prices')).toEqual(resultOf(first, 'dex-prices'));
  });
});
