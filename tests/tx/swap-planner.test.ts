import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { createPublicClient, encodeFunctionData, erc20Abi, getAddress, http, parseEther, parseUnits, type Address } from 'viem';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../../src/domain/uniswap-v3';
import { makeCallAllAtBlock } from '../../src/adapters/chain/make-call-all-at-block';
import type { AppError } from '../../src/domain/app-error';
import type { ActionPlan, SwapQuote } from '../../src/domain/tx/action-plan';
import { planSwap, type SwapPlannerDeps } from '../../src/services/tx/swap/plan-swap';
import type { SwapRequest } from '../../src/services/tx/swap/swap-request';
import { deployTestTokens, freshAccount, MULTICALL3_ADDRESS, startDevnet, type Devnet, type DevnetAccount, type TestToken } from '../support/devnet';
import { addLiquidityV2, createPairV2, deployUniswapV2Factory, uniswapV2Router02Abi } from '../support/protocols/uniswap-v2';
import { swapRouter02Abi } from '../../src/services/tx/swap/swap-abis';
import { swapRouter02PairFor } from '../../src/domain/tx/swap/v1-pair-address';
import { quoterV2Abi } from '../support/protocols/uniswap-v3';
import { startRpcCountingProxy, type RpcCountingProxy } from '../support/rpc-counting-proxy';
import { deploySeiDefiDevnet, type SeiDefiDevnet } from '../support/sei-defi/deploy-sei-defi-devnet';
import { addV1Pair, addV2Pool } from '../support/tx/swap-liquidity';

jest.setTimeout(180_000);

const units = (amount: string, token: TestToken) => parseUnits(amount, token.decimals);

describe('the swap planner on the devnet: the planned SwapRouter02 call pays exactly the quote', () => {
  let devnet: Devnet;
  let defi: SeiDefiDevnet;
  let proxy: RpcCountingProxy;
  let deps: SwapPlannerDeps;
  let lp: DevnetAccount;
  let tk: Record<'A' | 'B' | 'C' | 'D' | 'E', TestToken>;
  let pools: Record<string, Address>;

  const token = (symbol: string) => defi.token(symbol);

  beforeAll(async () => {
    devnet = await startDevnet();
    defi = await deploySeiDefiDevnet(devnet);
    proxy = await startRpcCountingProxy(devnet.url);
    const [, account] = devnet.accounts;
    if (account === undefined) throw new Error('the devnet needs two accounts');
    lp = account;
    const extra = await deployTestTokens(devnet, ['A', 'B', 'C', 'D', 'E'].map((s, i) => ({ symbol: `TK${s}`, name: `Token ${s}`, decimals: [18, 6, 8, 18, 18][i] ?? 18 })));
    const [A, B, C, D, E] = extra;
    if (A === undefined || B === undefined || C === undefined || D === undefined || E === undefined) throw new Error('tokens not deployed');
    tk = { A, B, C, D, E };
    const [USDC, USDT0, WETH, WSEI] = [token('USDC'), token('USDT0'), token('WETH'), defi.wrappedNative];
    const side = (t: TestToken, amount: string) => ({ token: t, amount: units(amount, t) });
    pools = {
      // USDC → USDT0: a deep V2 0.01% pool beats a shallow V1 pair.
      usdcUsdtV2: await addV2Pool(devnet, defi, lp, side(USDC, '1000000'), side(USDT0, '1000000'), 100),
      usdcUsdtV1: await addV1Pair(devnet, defi, side(USDC, '10000'), side(USDT0, '10000')),
      // WETH → USDC: a deep V1 pair beats a shallow V2 0.3% pool.
      wethUsdcV1: await addV1Pair(devnet, defi, side(WETH, '1000'), side(USDC, '3000000')),
      wethUsdcV2: await addV2Pool(devnet, defi, lp, side(WETH, '1'), side(USDC, '3000'), 3_000),
      // Through WSEI: TKA–WSEI on V2, WSEI–TKB on V1, TKC–WSEI on V1, WSEI–TKD on V2; a shallow direct TKA–TKB pair.
      aWseiV2: await addV2Pool(devnet, defi, lp, side(tk.A, '100000'), side(WSEI, '200000'), 3_000),
      wseiBV1: await addV1Pair(devnet, defi, side(WSEI, '200000'), side(tk.B, '100000')),
      cWseiV1: await addV1Pair(devnet, defi, side(tk.C, '1000'), side(WSEI, '100000')),
      wseiDV2: await addV2Pool(devnet, defi, lp, side(WSEI, '100000'), side(tk.D, '50000'), 500),
      abDirectV1: await addV1Pair(devnet, defi, side(tk.A, '100'), side(tk.B, '100')),
    };
    const client = createPublicClient({ chain: devnet.chain, transport: http(proxy.url) });
    deps = {
      callAll: makeCallAllAtBlock(client, MULTICALL3_ADDRESS),
      gasPrice: () => TE.rightTask(() => client.getGasPrice()),
      venues: {
        swapRouter02: defi.dragonswapV2.swapRouter02,
        wrappedNative: defi.wrappedNative.address,
        multicall3: MULTICALL3_ADDRESS,
        v2: { factory: defi.dragonswapV2.factory, quoterV2: defi.dragonswapV2.quoterV2 },
        v1: { factory: defi.dragonswapV1.factory },
      },
      tokens: [...defi.tokens, ...extra],
    };
  });

  afterAll(async () => {
    await proxy?.stop();
    await devnet?.stop();
  });

  const plan = async (wallet: Address, request: SwapRequest): Promise<E.Either<AppError, ActionPlan>> => {
    const blockNumber = await devnet.publicClient.getBlockNumber({ cacheTime: 0 });
    proxy.reset();
    return planSwap(deps)(request)({ wallet, blockNumber })();
  };
  const planned = async (wallet: Address, request: SwapRequest) => {
    const result = await plan(wallet, request);
    if (E.isLeft(result)) throw new Error(`planning failed: ${JSON.stringify(result.left)}`);
    const quote = result.right.quote as SwapQuote;
    return { plan: result.right, quote, requests: proxy.stats().httpRequests };
  };
  const balanceOf = (t: Address | 'native', owner: Address) =>
    t === 'native' ? devnet.publicClient.getBalance({ address: owner }) : devnet.publicClient.readContract({ address: t, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });

  /** A fresh wallet holding `amount` of tokenIn (and SEI for gas). */
  const walletWith = async (tokenIn: Address | 'native', amount: bigint): Promise<DevnetAccount> => {
    const trader = freshAccount(devnet);
    await devnet.setBalance(trader.address, parseEther('10') + (tokenIn === 'native' ? amount : 0n));
    if (tokenIn !== 'native') await defi.mint([{ token: tokenIn, to: trader.address, amount }]);
    return trader;
  };

  /** Approves by hand what the plan says it needs, sends its call, and returns the wallet's deltas of both sides (gas excluded). */
  const execute = async (trader: DevnetAccount, p: ActionPlan, tokenIn: Address | 'native', tokenOut: Address | 'native') => {
    for (const need of p.allowances) {
      await devnet.sendTransaction({ to: need.token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [need.spender, need.amount] }) }, trader);
    }
    const [call] = p.calls;
    if (call === undefined || p.calls.length !== 1) throw new Error('a swap plans one call');
    const [inBefore, outBefore] = [await balanceOf(tokenIn, trader.address), await balanceOf(tokenOut, trader.address)];
    const receipt = await devnet.sendTransaction({ to: call.to, data: call.data, value: call.value }, trader);
    const gasPaid = receipt.gasUsed * receipt.effectiveGasPrice;
    const [inAfter, outAfter] = [await balanceOf(tokenIn, trader.address), await balanceOf(tokenOut, trader.address)];
    const gasOn = (t: Address | 'native') => (t === 'native' ? gasPaid : 0n);
    return { deltaIn: inAfter - inBefore + gasOn(tokenIn), deltaOut: outAfter - outBefore + gasOn(tokenOut), gasUsed: receipt.gasUsed, gasUpperBound: call.gasUpperBound };
  };

  const swapCases: ReadonlyArray<{
    name: string;
    tokenIn: () => Address | 'native';
    tokenOut: () => Address | 'native';
    amount: string;
    decimals: () => number;
    route: () => ReadonlyArray<{ version: 'v1' | 'v2'; pool: Address; fee?: number }>;
    requests: number;
  }> = [
    {
      name: 'single hop on V2 (USDC → USDT0, the deep 0.01% pool beats the V1 pair): exactInputSingle',
      tokenIn: () => token('USDC').address,
      tokenOut: () => token('USDT0').address,
      amount: '1000',
      decimals: () => 6,
      route: () => [{ version: 'v2', pool: pools.usdcUsdtV2 ?? '0x', fee: 100 }],
      requests: 2,
    },
    {
      name: 'single hop on V1 (WETH → USDC, the deep pair beats the shallow V2 pool): swapExactTokensForTokens',
      tokenIn: () => token('WETH').address,
      tokenOut: () => token('USDC').address,
      amount: '1',
      decimals: () => 18,
      route: () => [{ version: 'v1', pool: pools.wethUsdcV1 ?? '0x' }],
      requests: 2,
    },
    {
      name: 'two hops V2 → V1 through WSEI beat the shallow direct pair (TKA → TKB): multicall, the second leg spending the router balance',
      tokenIn: () => tk.A.address,
      tokenOut: () => tk.B.address,
      amount: '50',
      decimals: () => 18,
      route: () => [
        { version: 'v2', pool: pools.aWseiV2 ?? '0x', fee: 3_000 },
        { version: 'v1', pool: pools.wseiBV1 ?? '0x' },
      ],
      // The second leg is a V1 pair only: its output is worked from the reserves already read, no third request.
      requests: 2,
    },
    {
      name: 'two hops V1 → V2 through WSEI (TKC → TKD)',
      tokenIn: () => tk.C.address,
      tokenOut: () => tk.D.address,
      amount: '3',
      decimals: () => 8,
      route: () => [
        { version: 'v1', pool: pools.cWseiV1 ?? '0x' },
        { version: 'v2', pool: pools.wseiDV2 ?? '0x', fee: 500 },
      ],
      requests: 3,
    },
    {
      name: 'two hops V2 → V2 through WSEI (TKA → TKD): exactInput with a path',
      tokenIn: () => tk.A.address,
      tokenOut: () => tk.D.address,
      amount: '20',
      decimals: () => 18,
      route: () => [
        { version: 'v2', pool: pools.aWseiV2 ?? '0x', fee: 3_000 },
        { version: 'v2', pool: pools.wseiDV2 ?? '0x', fee: 500 },
      ],
      requests: 3,
    },
    {
      name: 'two hops V1 → V1 through WSEI (TKC → TKB): swapExactTokensForTokens with a 3-token path',
      tokenIn: () => tk.C.address,
      tokenOut: () => tk.B.address,
      amount: '2',
      decimals: () => 8,
      route: () => [
        { version: 'v1', pool: pools.cWseiV1 ?? '0x' },
        { version: 'v1', pool: pools.wseiBV1 ?? '0x' },
      ],
      // The second leg is a V1 pair only: its output is worked from the reserves already read, no third request.
      requests: 2,
    },
    {
      name: 'native SEI in on V2 (SEI → TKD): value sent, the router wraps',
      tokenIn: () => 'native',
      tokenOut: () => tk.D.address,
      amount: '100',
      decimals: () => 18,
      route: () => [{ version: 'v2', pool: pools.wseiDV2 ?? '0x', fee: 500 }],
      requests: 2,
    },
    {
      name: 'native SEI in on V1 (SEI → TKB)',
      tokenIn: () => 'native',
      tokenOut: () => tk.B.address,
      amount: '100',
      decimals: () => 18,
      route: () => [{ version: 'v1', pool: pools.wseiBV1 ?? '0x' }],
      requests: 2,
    },
    {
      name: 'native SEI out on V1 (TKB → SEI): multicall of the swap to the router and unwrapWETH9 to the wallet',
      tokenIn: () => tk.B.address,
      tokenOut: () => 'native',
      amount: '40',
      decimals: () => 6,
      route: () => [{ version: 'v1', pool: pools.wseiBV1 ?? '0x' }],
      requests: 2,
    },
    {
      name: 'native SEI out on V2 (TKA → SEI): exactInputSingle to the router, then unwrapWETH9',
      tokenIn: () => tk.A.address,
      tokenOut: () => 'native',
      amount: '10',
      decimals: () => 18,
      route: () => [{ version: 'v2', pool: pools.aWseiV2 ?? '0x', fee: 3_000 }],
      requests: 2,
    },
  ];

  it.each(swapCases)('$name', async (c) => {
    const [tokenIn, tokenOut] = [c.tokenIn(), c.tokenOut()];
    const amountIn = parseUnits(c.amount, c.decimals());
    const trader = await walletWith(tokenIn, amountIn);
    const { plan: p, quote, requests } = await planned(trader.address, { tokenIn, tokenOut, amountIn, slippageBps: 50 });
    expect(quote.route).toEqual(c.route());
    expect(requests).toBe(c.requests);
    expect(quote.amountOutMin).toBe((quote.amountOut * 9_950n) / 10_000n);
    expect(p.allowances).toEqual(tokenIn === 'native' ? [] : [{ token: getAddress(tokenIn), spender: defi.dragonswapV2.swapRouter02, amount: amountIn }]);
    expect(p.balanceChanges).toEqual([
      { token: tokenIn === 'native' ? 'native' : getAddress(tokenIn), delta: -amountIn },
      { token: tokenOut === 'native' ? 'native' : getAddress(tokenOut), delta: quote.amountOut },
    ]);
    const result = await execute(trader, p, tokenIn, tokenOut);
    expect({ deltaIn: result.deltaIn, deltaOut: result.deltaOut }).toEqual({ deltaIn: -amountIn, deltaOut: quote.amountOut });
    expect(result.gasUsed).toBeLessThan(result.gasUpperBound);
  });

  it('a V2 single hop quotes what QuoterV2 answers, and the V1 pair it beat pays less (router getAmountsOut)', async () => {
    const [USDC, USDT0] = [token('USDC').address, token('USDT0').address];
    const amountIn = parseUnits('2000', 6);
    const blockNumber = await devnet.publicClient.getBlockNumber({ cacheTime: 0 });
    const result = await planSwap(deps)({ tokenIn: USDC, tokenOut: USDT0, amountIn, slippageBps: 50 })({ wallet: lp.address, blockNumber })();
    if (E.isLeft(result)) throw new Error('no plan');
    const quote = result.right.quote as SwapQuote;
    const { result: quoted } = await devnet.publicClient.simulateContract({
      address: defi.dragonswapV2.quoterV2,
      abi: quoterV2Abi,
      functionName: 'quoteExactInputSingle',
      args: [{ tokenIn: USDC, tokenOut: USDT0, amountIn, fee: 100, sqrtPriceLimitX96: 0n }],
      blockNumber,
    });
    const v1 = await devnet.publicClient.readContract({ address: defi.dragonswapV1.router, abi: uniswapV2Router02Abi, functionName: 'getAmountsOut', args: [amountIn, [USDC, USDT0]], blockNumber });
    expect(quote.amountOut).toBe(quoted[0]);
    expect(v1[1]).toBeLessThan(quote.amountOut);
    // Price impact from slot0 at the block: mid out = amountIn × sqrtP² / 2^192 selling token0 (2^192 / sqrtP² buying it).
    const [sqrtPriceX96] = await devnet.publicClient.readContract({
      address: pools.usdcUsdtV2 ?? '0x',
      abi: [{ type: 'function', name: 'slot0', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint160' }, { type: 'int24' }] }] as const,
      functionName: 'slot0',
      blockNumber,
    });
    const [midNumerator, midDenominator] = USDC.toLowerCase() < USDT0.toLowerCase() ? [amountIn * sqrtPriceX96 ** 2n, 2n ** 192n] : [amountIn * 2n ** 192n, sqrtPriceX96 ** 2n];
    expect(quote.priceImpactBps).toBe(Number(((midNumerator - quoted[0] * midDenominator) * 10_000n) / midNumerator));
    // Full range is constant product: 2,000 into about 1,000,000 of depth moves the price about 2,000 / 1,000,000 = 20 bps, plus the 1 bp fee.
    expect([quote.priceImpactBps >= 19, quote.priceImpactBps <= 22]).toEqual([true, true]);
  });

  it('a V1 single hop quotes what the V1 router answers, with the price impact worked by hand from the reserves', async () => {
    const [WETH, USDC] = [token('WETH').address, token('USDC').address];
    const amountIn = parseUnits('10', 18);
    const blockNumber = await devnet.publicClient.getBlockNumber({ cacheTime: 0 });
    const result = await planSwap(deps)({ tokenIn: WETH, tokenOut: USDC, amountIn, slippageBps: 100 })({ wallet: lp.address, blockNumber })();
    if (E.isLeft(result)) throw new Error('no plan');
    const quote = result.right.quote as SwapQuote;
    const amounts = await devnet.publicClient.readContract({ address: defi.dragonswapV1.router, abi: uniswapV2Router02Abi, functionName: 'getAmountsOut', args: [amountIn, [WETH, USDC]], blockNumber });
    const amountOut = amounts[1] ?? 0n;
    const [r0, r1] = await devnet.publicClient.readContract({
      address: pools.wethUsdcV1 ?? '0x',
      abi: [{ type: 'function', name: 'getReserves', stateMutability: 'view', inputs: [], outputs: [{ type: 'uint112' }, { type: 'uint112' }, { type: 'uint32' }] }] as const,
      functionName: 'getReserves',
      blockNumber,
    });
    const [reserveIn, reserveOut] = WETH.toLowerCase() < USDC.toLowerCase() ? [r0, r1] : [r1, r0];
    // Mid output amountIn × reserveOut / reserveIn; impact = (mid − out) / mid, floored in bps.
    const expectedImpact = Number(((amountIn * reserveOut - amountOut * reserveIn) * 10_000n) / (amountIn * reserveOut));
    expect(quote.amountOut).toBe(amountOut);
    expect(quote.amountOutMin).toBe((amountOut * 9_900n) / 10_000n);
    // 10 WETH into a 1000 WETH pair: about 1% of depth plus the 0.3% fee.
    expect(quote.priceImpactBps).toBe(expectedImpact);
    expect([quote.priceImpactBps > 100, quote.priceImpactBps < 140]).toEqual([true, true]);
  });

  it('"max" swaps the wallet\'s whole balance read at the plan\'s block, in the same request as the pool lookups', async () => {
    const amount = parseUnits('7.123456', 6);
    const trader = await walletWith(token('USDC').address, amount);
    const { plan: p, requests } = await planned(trader.address, { tokenIn: token('USDC').address, tokenOut: token('USDT0').address, amountIn: 'max', slippageBps: 50 });
    expect(p.balanceChanges[0]).toEqual({ token: token('USDC').address, delta: -amount });
    expect(requests).toBe(2);
    const result = await execute(trader, p, token('USDC').address, token('USDT0').address);
    expect(await balanceOf(token('USDC').address, trader.address)).toBe(0n);
    expect(result.deltaOut).toBe((p.quote as SwapQuote).amountOut);
  });

  it('a V2 pool that cannot take the whole amount (the swap reaches the price limit) is skipped, never quoted as a partial fill: NO_ROUTE', async () => {
    // TKA–WSEI has one pool, V2 full range: 10^45 TKA base units push its price past the lowest tick.
    const wallet = freshAccount(devnet).address;
    const result = await plan(wallet, { tokenIn: tk.A.address, tokenOut: defi.wrappedNative.address, amountIn: 10n ** 45n, slippageBps: 50 });
    expect(E.isLeft(result) && result.left._tag === 'UnprocessableTx' ? result.left.code : 'planned').toBe('NO_ROUTE');
    const { result: quoted } = await devnet.publicClient.simulateContract({
      address: defi.dragonswapV2.quoterV2,
      abi: quoterV2Abi,
      functionName: 'quoteExactInputSingle',
      args: [{ tokenIn: tk.A.address, tokenOut: defi.wrappedNative.address, amountIn: 10n ** 45n, fee: 3_000, sqrtPriceLimitX96: 0n }],
    });
    // QuoterV2 itself answers a (partial) amount, the price stopped at its limit: the planner is what refuses it.
    expect(quoted[0] > 0n).toBe(true);
    expect([MIN_SQRT_RATIO + 1n, MAX_SQRT_RATIO - 1n]).toContain(quoted[1]);
  });

  it('V1 pairs of another factory than SwapRouter02\'s factoryV2 are skipped (the router could not reach them): NO_ROUTE', async () => {
    const otherFactory = await deployUniswapV2Factory(devnet);
    const pair = await createPairV2(devnet, otherFactory, tk.E.address, token('USDC').address);
    await addLiquidityV2(devnet, { pair, tokenA: tk.E.address, amountA: units('1000', tk.E), tokenB: token('USDC').address, amountB: units('1000', token('USDC')), to: lp.address }, defi.mint);
    const otherDeps: SwapPlannerDeps = { ...deps, venues: { ...deps.venues, v1: { factory: otherFactory } } };
    const blockNumber = await devnet.publicClient.getBlockNumber({ cacheTime: 0 });
    const result = await planSwap(otherDeps)({ tokenIn: tk.E.address, tokenOut: token('USDC').address, amountIn: units('1', tk.E), slippageBps: 50 })({ wallet: lp.address, blockNumber })();
    expect(E.isLeft(result) && result.left._tag === 'UnprocessableTx' ? result.left.code : 'planned').toBe('NO_ROUTE');
    const routerFactoryV2 = await devnet.publicClient.readContract({ address: defi.dragonswapV2.swapRouter02, abi: swapRouter02Abi, functionName: 'factoryV2' });
    expect([getAddress(routerFactoryV2) === otherFactory, pair === swapRouter02PairFor(otherFactory, tk.E.address, token('USDC').address)]).toEqual([false, true]);
  });

  it('refuses: a token outside the registry (UNKNOWN_ASSET), no pool (NO_ROUTE), same token (ValidationFailed), "max" of nothing (NOTHING_TO_DO)', async () => {
    const wallet = freshAccount(devnet).address;
    const tag = (r: E.Either<AppError, ActionPlan>) => (E.isLeft(r) ? (r.left._tag === 'UnprocessableTx' ? r.left.code : r.left._tag) : 'planned');
    expect(tag(await plan(wallet, { tokenIn: '0x000000000000000000000000000000000000bEEF', tokenOut: tk.A.address, amountIn: 1n, slippageBps: 50 }))).toBe('UNKNOWN_ASSET');
    expect(tag(await plan(wallet, { tokenIn: tk.E.address, tokenOut: token('USDC').address, amountIn: 10n ** 18n, slippageBps: 50 }))).toBe('NO_ROUTE');
    expect(tag(await plan(wallet, { tokenIn: tk.A.address, tokenOut: tk.A.address, amountIn: 1n, slippageBps: 50 }))).toBe('ValidationFailed');
    expect(tag(await plan(wallet, { tokenIn: 'native', tokenOut: defi.wrappedNative.address, amountIn: 1n, slippageBps: 50 }))).toBe('ValidationFailed');
    expect(tag(await plan(wallet, { tokenIn: tk.A.address, tokenOut: tk.B.address, amountIn: 'max', slippageBps: 50 }))).toBe('NOTHING_TO_DO');
  });
});
