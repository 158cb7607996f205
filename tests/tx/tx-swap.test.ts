import request from 'supertest';
import { decodeFunctionData, erc20Abi, getAddress, parseEther, parseUnits, type Address, type Hex } from 'viem';
import type { RunningServer } from '../../src/main';
import { swapRouter02Abi } from '../../src/services/tx/swap/swap-abis';
import { signIn } from '../auth/sign-in';
import { startAppOnHarness, startChainHarness, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import { deployTestTokens, freshAccount, type DevnetAccount, type TestToken } from '../support/devnet';
import { uniswapV2Router02Abi } from '../support/protocols/uniswap-v2';
import { quoterV2Abi } from '../support/protocols/uniswap-v3';
import { deploySeiDefiDevnet, type SeiDefiDevnet } from '../support/sei-defi/deploy-sei-defi-devnet';
import { makeTestClock } from '../support/test-clock';
import { addV1Pair, addV2Pool } from '../support/tx/swap-liquidity';

jest.setTimeout(180_000);

interface QuoteJson {
  amountOut: string;
  amountOutMin: string;
  route: Array<{ pool: Address; fee?: number; version: 'v1' | 'v2' }>;
  priceImpactBps: number;
}
interface PreparedJson {
  action: string;
  wallet: string;
  blockNumber: string;
  transactions: Array<{ to: Address; data: Hex; value: string; chainId: number; gas: string; description: string; kind: 'approve' | 'action' }>;
  simulation: {
    ok: boolean | null;
    error?: { code: string; message: string };
    balanceChanges: Array<{ token: string; symbol: string; delta: string; deltaFormatted: string }>;
  };
  quote: QuoteJson;
  expiresAt: string;
}

type Side = Address | 'native';

describe('POST /api/tx/swap: the best DragonSwap route, prepared and simulated; signed and sent, the wallet receives exactly the quote', () => {
  let h: ChainHarness;
  let defi: SeiDefiDevnet;
  let app: RunningServer;
  let tk: { A: TestToken; B: TestToken; E: TestToken };
  let pools: Record<'usdcUsdtV2' | 'wethUsdcV1' | 'aWseiV2' | 'wseiBV1', Address>;
  const clock = makeTestClock();
  const cleanups: Array<() => void> = [];
  const latencies: number[] = [];
  const requestCounts: number[] = [];

  const token = (symbol: string) => defi.token(symbol);
  const balanceOf = (side: Side, owner: Address) =>
    side === 'native' ? h.devnet.publicClient.getBalance({ address: owner }) : h.devnet.publicClient.readContract({ address: side, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });

  const prepare = async (bearer: string | null, body: unknown) => {
    h.proxy.reset();
    const started = performance.now();
    const req = request(app.app).post('/api/tx/swap');
    const res = await (bearer === null ? req : req.set('Authorization', `Bearer ${bearer}`)).send(body as object);
    // Latency of the prepares that answered a plan (refusals answer before the chain is read).
    if (res.status === 200) latencies.push(performance.now() - started);
    requestCounts.push(h.proxy.stats().httpRequests);
    return res;
  };

  /** A fresh signed-in wallet holding `amount` of `side` (and SEI for gas). */
  const traderWith = async (side: Side, amount: bigint): Promise<{ account: DevnetAccount; bearer: string }> => {
    const account = freshAccount(h.devnet);
    await h.devnet.setBalance(account.address, parseEther('10') + (side === 'native' ? amount : 0n));
    if (side !== 'native') await defi.mint([{ token: side, to: account.address, amount }]);
    return { account, bearer: await signIn(app.app, account.account) };
  };

  /** Sends every prepared transaction with its own gas, in order; returns the gas paid. */
  const signAndSend = async (prepared: PreparedJson, from: DevnetAccount): Promise<bigint> => {
    let paid = 0n;
    for (const tx of prepared.transactions) {
      const receipt = await h.devnet.sendTransaction({ to: tx.to, data: tx.data, value: BigInt(tx.value), gas: BigInt(tx.gas) }, from);
      paid += receipt.gasUsed * receipt.effectiveGasPrice;
    }
    return paid;
  };

  /** Prepares, checks the answer's invariants, sends, and returns the quote and the wallet's exact deltas (gas excluded). */
  const swapThroughTheApi = async (tokenIn: Side, tokenOut: Side, amountIn: bigint) => {
    const trader = await traderWith(tokenIn, amountIn);
    const res = await prepare(trader.bearer, { tokenIn, tokenOut, amountIn: amountIn.toString() });
    expect(res.status).toBe(200);
    const data = res.body.data as PreparedJson;
    expect(data.action).toBe('swap');
    expect(data.simulation.ok).toBe(true);
    expect(data.transactions.map((tx) => [tx.kind, tx.to])).toEqual([
      ...(tokenIn === 'native' ? [] : [['approve', tokenIn]]),
      ['action', defi.dragonswapV2.swapRouter02],
    ]);
    expect(data.simulation.balanceChanges.map((c) => [c.token, c.delta])).toEqual([
      [tokenIn, (-amountIn).toString()],
      [tokenOut, data.quote.amountOut],
    ]);
    expect(data.quote.amountOutMin).toBe(((BigInt(data.quote.amountOut) * 9_950n) / 10_000n).toString());
    const [inBefore, outBefore] = [await balanceOf(tokenIn, trader.account.address), await balanceOf(tokenOut, trader.account.address)];
    const gasPaid = await signAndSend(data, trader.account);
    const gasOn = (side: Side) => (side === 'native' ? gasPaid : 0n);
    const deltaIn = (await balanceOf(tokenIn, trader.account.address)) - inBefore + gasOn(tokenIn);
    const deltaOut = (await balanceOf(tokenOut, trader.account.address)) - outBefore + gasOn(tokenOut);
    return { data, quote: data.quote, deltaIn, deltaOut, requests: requestCounts[requestCounts.length - 1] };
  };

  beforeAll(async () => {
    h = await startChainHarness();
    defi = await deploySeiDefiDevnet(h.devnet);
    const [, lp] = h.devnet.accounts;
    if (lp === undefined) throw new Error('the devnet needs two accounts');
    const [A, B, E] = await deployTestTokens(h.devnet, [
      { symbol: 'TKA', name: 'Token A', decimals: 18 },
      { symbol: 'TKB', name: 'Token B', decimals: 6 },
      { symbol: 'TKE', name: 'Token E', decimals: 18 },
    ]);
    if (A === undefined || B === undefined || E === undefined) throw new Error('tokens not deployed');
    tk = { A, B, E };
    const side = (t: TestToken, amount: string) => ({ token: t, amount: parseUnits(amount, t.decimals) });
    const [USDC, USDT0, WETH, WSEI] = [token('USDC'), token('USDT0'), token('WETH'), defi.wrappedNative];
    pools = {
      // V2 better: a deep 0.01% pool against a shallow V1 pair.
      usdcUsdtV2: await addV2Pool(h.devnet, defi, lp, side(USDC, '1000000'), side(USDT0, '1000000'), 100),
      // V1 better: a deep pair against a shallow 0.3% pool.
      wethUsdcV1: await addV1Pair(h.devnet, defi, side(WETH, '1000'), side(USDC, '3000000')),
      // Two hops: TKA → WSEI on V2, WSEI → TKB on V1, better than the shallow direct pair.
      aWseiV2: await addV2Pool(h.devnet, defi, lp, side(A, '100000'), side(WSEI, '200000'), 3_000),
      wseiBV1: await addV1Pair(h.devnet, defi, side(WSEI, '200000'), side(B, '100000')),
    };
    await addV1Pair(h.devnet, defi, side(USDC, '10000'), side(USDT0, '10000'));
    await addV2Pool(h.devnet, defi, lp, side(WETH, '1'), side(USDC, '3000'), 3_000);
    await addV1Pair(h.devnet, defi, side(A, '100'), side(B, '100'));
    const registry = writeRegistryFile({
      ...defi.registry,
      tokens: [...defi.registry.tokens, ...[A, B, E].map((t) => ({ ...t, coingeckoId: null, isStable: false }))],
    });
    cleanups.push(registry.remove);
    app = await startAppOnHarness(h, registry.file, {}, { now: clock.now });
  });

  afterAll(async () => {
    // Not asserted: the devnet's prepare latency and chain requests, for the README and the report.
    const sorted = [...latencies].sort((a, b) => a - b);
    process.stdout.write(`tx-swap prepare over ${sorted.length} requests: p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms; chain HTTP requests ${requestCounts.join(',')}\n`);
    await app?.shutdown('done');
    await h?.stop();
    cleanups.forEach((remove) => remove());
  });

  it('V2 better (USDC → USDT0): approve + exactInputSingle through the 0.01% pool, the quote is QuoterV2\'s at the block; sent, the wallet gets exactly amountOut', async () => {
    const amountIn = parseUnits('2500', 6);
    const { data, quote, deltaIn, deltaOut, requests } = await swapThroughTheApi(token('USDC').address, token('USDT0').address, amountIn);
    expect(quote.route).toEqual([{ pool: pools.usdcUsdtV2, fee: 100, version: 'v2' }]);
    // The block number, the planner's two (pool lookups; pool states and quotes), the allowance and token names, the
    // allowance slot found for USDC (first use: probing), then simulation, gas, health and balance in one batch.
    expect(requests).toBe(6);
    const blockNumber = BigInt(data.blockNumber);
    const { result } = await h.devnet.publicClient.simulateContract({
      address: defi.dragonswapV2.quoterV2,
      abi: quoterV2Abi,
      functionName: 'quoteExactInputSingle',
      args: [{ tokenIn: token('USDC').address, tokenOut: token('USDT0').address, amountIn, fee: 100, sqrtPriceLimitX96: 0n }],
      blockNumber,
    });
    const v1 = await h.devnet.publicClient.readContract({ address: defi.dragonswapV1.router, abi: uniswapV2Router02Abi, functionName: 'getAmountsOut', args: [amountIn, [token('USDC').address, token('USDT0').address]], blockNumber });
    expect(quote.amountOut).toBe(result[0].toString());
    expect((v1[1] ?? 0n) < result[0]).toBe(true);
    expect(decodeFunctionData({ abi: swapRouter02Abi, data: data.transactions[1]?.data ?? '0x' }).functionName).toBe('exactInputSingle');
    expect({ deltaIn, deltaOut }).toEqual({ deltaIn: -amountIn, deltaOut: BigInt(quote.amountOut) });
  });

  it('V1 better (WETH → USDC): swapExactTokensForTokens through the deep pair, the quote is the V1 router\'s; sent, exact', async () => {
    const amountIn = parseUnits('2', 18);
    const { data, quote, deltaIn, deltaOut } = await swapThroughTheApi(token('WETH').address, token('USDC').address, amountIn);
    expect(quote.route).toEqual([{ pool: pools.wethUsdcV1, version: 'v1' }]);
    const amounts = await h.devnet.publicClient.readContract({
      address: defi.dragonswapV1.router,
      abi: uniswapV2Router02Abi,
      functionName: 'getAmountsOut',
      args: [amountIn, [token('WETH').address, token('USDC').address]],
      blockNumber: BigInt(data.blockNumber),
    });
    expect(quote.amountOut).toBe(amounts[1]?.toString());
    expect({ deltaIn, deltaOut }).toEqual({ deltaIn: -amountIn, deltaOut: BigInt(quote.amountOut) });
  });

  it('two hops (TKA → WSEI on V2 → TKB on V1) beat the shallow direct pair: one multicall; sent, exact', async () => {
    const amountIn = parseUnits('40', 18);
    const { data, quote, deltaIn, deltaOut } = await swapThroughTheApi(tk.A.address, tk.B.address, amountIn);
    expect(quote.route).toEqual([
      { pool: pools.aWseiV2, fee: 3_000, version: 'v2' },
      { pool: pools.wseiBV1, version: 'v1' },
    ]);
    expect(decodeFunctionData({ abi: swapRouter02Abi, data: data.transactions[1]?.data ?? '0x' }).functionName).toBe('multicall');
    expect(data.transactions[1]?.description).toBe(`Swap 40 TKA for at least ${Number(quote.amountOutMin) / 1e6} TKB on DragonSwap (V2 0.3% → V1)`);
    expect({ deltaIn, deltaOut }).toEqual({ deltaIn: -amountIn, deltaOut: BigInt(quote.amountOut) });
  });

  it('native SEI in (SEI → TKB): no approval, the value is the amount; native SEI out (TKB → SEI): unwrapped to the wallet; both exact', async () => {
    const seiIn = parseEther('30');
    const bought = await swapThroughTheApi('native', tk.B.address, seiIn);
    // Nothing to approve: no allowance read, no slot.
    expect(bought.requests).toBe(4);
    expect(bought.data.transactions[0]?.value).toBe(seiIn.toString());
    expect({ deltaIn: bought.deltaIn, deltaOut: bought.deltaOut }).toEqual({ deltaIn: -seiIn, deltaOut: BigInt(bought.quote.amountOut) });
    const tkbIn = parseUnits('12', 6);
    const sold = await swapThroughTheApi(tk.B.address, 'native', tkbIn);
    expect(sold.quote.route).toEqual([{ pool: pools.wseiBV1, version: 'v1' }]);
    expect({ deltaIn: sold.deltaIn, deltaOut: sold.deltaOut }).toEqual({ deltaIn: -tkbIn, deltaOut: BigInt(sold.quote.amountOut) });
  });

  it('slippage: prepared at 0 bps, the pool moves before the wallet sends, and the sent swap reverts "Too little received" (the wallet keeps its USDC)', async () => {
    const amountIn = parseUnits('1000', 6);
    const trader = await traderWith(token('USDC').address, amountIn);
    const res = await prepare(trader.bearer, { tokenIn: token('USDC').address, tokenOut: token('USDT0').address, amountIn: amountIn.toString(), slippageBps: 0 });
    // USDC's allowance slot is known by now: one request fewer than the first USDC swap.
    expect(requestCounts[requestCounts.length - 1]).toBe(5);
    const prepared = res.body.data as PreparedJson;
    expect([res.status, prepared.simulation.ok, prepared.quote.amountOutMin]).toEqual([200, true, prepared.quote.amountOut]);
    // Someone else swaps the same way first: the pool pays less from now on.
    await swapThroughTheApi(token('USDC').address, token('USDT0').address, parseUnits('50000', 6));
    const [approve, swap] = prepared.transactions;
    if (approve === undefined || swap === undefined) throw new Error('expected an approval and a swap');
    await h.devnet.sendTransaction({ to: approve.to, data: approve.data, gas: BigInt(approve.gas) }, trader.account);
    await expect(h.devnet.publicClient.call({ account: trader.account.address, to: swap.to, data: swap.data })).rejects.toThrow(/Too little received/);
    await expect(h.devnet.sendTransaction({ to: swap.to, data: swap.data, gas: BigInt(swap.gas) }, trader.account)).rejects.toThrow();
    expect(await balanceOf(token('USDC').address, trader.account.address)).toBe(amountIn);
    // Prepared again, the quote is lower and the simulation passes.
    const again = await prepare(trader.bearer, { tokenIn: token('USDC').address, tokenOut: token('USDT0').address, amountIn: amountIn.toString(), slippageBps: 0 });
    expect((again.body.data as PreparedJson).simulation.ok).toBe(true);
    expect(BigInt((again.body.data as PreparedJson).quote.amountOut) < BigInt(prepared.quote.amountOut)).toBe(true);
  });

  it('"max" native SEI keeps back twice the two-hop gas bound (1,000,000 gas) at the gas price; sent, the wallet keeps that reserve less the gas paid', async () => {
    const trader = await traderWith('native', 0n);
    const held = await balanceOf('native', trader.account.address);
    const res = await prepare(trader.bearer, { tokenIn: 'native', tokenOut: tk.B.address, amountIn: 'max' });
    expect(res.status).toBe(200);
    const data = res.body.data as PreparedJson;
    const gasPrice = await h.devnet.publicClient.getGasPrice();
    const value = BigInt(data.transactions[0]?.value ?? '0');
    expect(held - value).toBe(gasPrice * 1_000_000n);
    expect(data.simulation.ok).toBe(true);
    const tkbBefore = await balanceOf(tk.B.address, trader.account.address);
    const gasPaid = await signAndSend(data, trader.account);
    expect(await balanceOf('native', trader.account.address)).toBe(held - value - gasPaid);
    expect((await balanceOf(tk.B.address, trader.account.address)) - tkbBefore).toBe(BigInt(data.quote.amountOut));
  });

  it('more than the wallet holds: 200 with ok: false, INSUFFICIENT_BALANCE', async () => {
    const trader = await traderWith(token('USDC').address, parseUnits('10', 6));
    const res = await prepare(trader.bearer, { tokenIn: token('USDC').address, tokenOut: token('USDT0').address, amountIn: parseUnits('11', 6).toString() });
    expect(res.status).toBe(200);
    expect((res.body.data as PreparedJson).simulation).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_BALANCE' } });
  });

  it('refuses: 422 UNKNOWN_ASSET (not in the registry), 422 NO_ROUTE (no pool), 400 for the same token, a wallet in the body, a bad slippage or amount; 401 without a token', async () => {
    const { bearer } = await traderWith(token('USDC').address, 1n);
    const usdc = token('USDC').address;
    const refusal = async (body: unknown, who: string | null = bearer) => {
      const res = await prepare(who, body);
      return [res.status, res.body.error?.code];
    };
    expect(await refusal({ tokenIn: getAddress('0x000000000000000000000000000000000000bEEF'), tokenOut: usdc, amountIn: '1' })).toEqual([422, 'UNKNOWN_ASSET']);
    expect(await refusal({ tokenIn: tk.E.address, tokenOut: usdc, amountIn: '1000' })).toEqual([422, 'NO_ROUTE']);
    expect(await refusal({ tokenIn: usdc, tokenOut: usdc, amountIn: '1' })).toEqual([400, 'VALIDATION_ERROR']);
    expect(await refusal({ tokenIn: 'native', tokenOut: defi.wrappedNative.address, amountIn: '1' })).toEqual([400, 'VALIDATION_ERROR']);
    expect(await refusal({ tokenIn: usdc, tokenOut: tk.A.address, amountIn: '1', wallet: usdc })).toEqual([400, 'VALIDATION_ERROR']);
    for (const slippageBps of [5_001, -1, 1.5, '50']) expect(await refusal({ tokenIn: usdc, tokenOut: tk.A.address, amountIn: '1', slippageBps })).toEqual([400, 'VALIDATION_ERROR']);
    for (const amountIn of [1, '0', '1.5', 'all']) expect(await refusal({ tokenIn: usdc, tokenOut: tk.A.address, amountIn })).toEqual([400, 'VALIDATION_ERROR']);
    expect(await refusal({ tokenIn: 'NATIVE', tokenOut: usdc, amountIn: '1' })).toEqual([400, 'VALIDATION_ERROR']);
    expect(await refusal({ tokenIn: usdc, tokenOut: tk.A.address, amountIn: '1' }, null)).toEqual([401, 'UNAUTHORIZED']);
  });
});
