import request from 'supertest';
import { decodeFunctionData, erc20Abi, getAddress, parseAbi, parseEther, parseEventLogs, type Address, type Hex, type TransactionReceipt } from 'viem';
import { toPoolKey, type PoolKey } from '../../src/adapters/protocols/uniswap-v3/compute-pool-address';
import { getSqrtRatioAtTick, MAX_UINT128 } from '../../src/domain/uniswap-v3';
import { nonfungiblePositionManagerAbi } from '../../src/domain/uniswap-v3/nonfungible-position-manager-abi';
import type { RunningServer } from '../../src/main';
import { signIn } from '../auth/sign-in';
import { startAppOnHarness, startChainHarness, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import { freshAccount, type DevnetAccount, type TestToken } from '../support/devnet';
import { approveUniswapV3, createPoolV3, mintPositionsV3, simulateCollect, swapExactInputV3 } from '../support/protocols/uniswap-v3';
import { deploySeiDefiDevnet, type SeiDefiDevnet } from '../support/sei-defi/deploy-sei-defi-devnet';
import { makeTestClock } from '../support/test-clock';

jest.setTimeout(240_000);

interface PreparedJson {
  action: string;
  wallet: string;
  blockNumber: string;
  transactions: Array<{ to: Address; data: Hex; value: string; chainId: number; gas: string; description: string; kind: 'approve' | 'action' }>;
  simulation: { ok: boolean | null; error?: { code: string; message: string }; balanceChanges: Array<{ token: string; symbol: string; delta: string }> };
  quote?: { amount0: string; amount1: string; amount0Min: string; amount1Min: string; liquidity: string };
  expiresAt: string;
}

const positionEventsAbi = parseAbi([
  'event IncreaseLiquidity(uint256 indexed tokenId, uint128 liquidity, uint256 amount0, uint256 amount1)',
  'event DecreaseLiquidity(uint256 indexed tokenId, uint128 liquidity, uint256 amount0, uint256 amount1)',
  'event Collect(uint256 indexed tokenId, address recipient, uint256 amount0, uint256 amount1)',
]);

const FEE = 3000;
const SPACING = 60;

describe('POST /api/tx/liquidity/add, /remove, /collect: DragonSwap V2 positions prepared, signed by the wallet, landing exactly as announced', () => {
  let h: ChainHarness;
  let defi: SeiDefiDevnet;
  let app: RunningServer;
  let wallet: DevnetAccount;
  let other: DevnetAccount;
  let lp: DevnetAccount;
  let token: string;
  let otherToken: string;
  let key: PoolKey;
  let startTick: number;
  let tokenId: bigint;
  const clock = makeTestClock();
  const cleanups: Array<() => void> = [];
  const latencies: number[] = [];
  /** Latencies of the prepares answered 200 (the refusals are faster). */
  const preparedLatencies: number[] = [];
  const requestsPerPrepare: Record<string, { readonly http: number; readonly methods: Readonly<Record<string, number>> }> = {};
  const gasUsed: Record<string, bigint> = {};

  const prepare = async (path: 'add' | 'remove' | 'collect', body: unknown, bearer: string | null = token) => {
    const started = performance.now();
    const req = request(app.app).post(`/api/tx/liquidity/${path}`);
    const res = await (bearer === null ? req : req.set('Authorization', `Bearer ${bearer}`)).send(body as object);
    latencies.push(performance.now() - started);
    return res;
  };
  /** Prepares through HTTP counting the chain requests it costs; 200 expected. */
  const prepared = async (name: string, path: 'add' | 'remove' | 'collect', body: unknown): Promise<PreparedJson> => {
    h.proxy.reset();
    const res = await prepare(path, body);
    preparedLatencies.push(latencies.at(-1) ?? NaN);
    const stats = h.proxy.stats();
    requestsPerPrepare[name] = { http: stats.httpRequests, methods: stats.methods };
    expect([res.status, res.body.error]).toEqual([200, undefined]);
    return res.body.data as PreparedJson;
  };
  const balanceOf = (tokenAddress: Address, owner: Address) => h.devnet.publicClient.readContract({ address: tokenAddress, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });
  const balancesOf = async (owner: Address) => [await balanceOf(key.token0, owner), await balanceOf(key.token1, owner)] as const;
  const positionOf = (id: bigint) => h.devnet.publicClient.readContract({ address: defi.dragonswapV2.positionManager, abi: nonfungiblePositionManagerAbi, functionName: 'positions', args: [id] });
  /** The balance changes as [token0 delta, token1 delta] (a token left out moves by 0). */
  const announcedDeltas = (data: PreparedJson): readonly [bigint, bigint] => {
    const of = (tk: Address) => BigInt(data.simulation.balanceChanges.find((c) => getAddress(c.token) === tk)?.delta ?? '0');
    return [of(key.token0), of(key.token1)];
  };

  /** Sends every prepared transaction with its gas; returns the receipts. */
  const signAndSend = async (data: PreparedJson, from: DevnetAccount, name: string): Promise<ReadonlyArray<TransactionReceipt>> => {
    const receipts: TransactionReceipt[] = [];
    for (const tx of data.transactions) {
      const receipt = await h.devnet.sendTransaction({ to: tx.to, data: tx.data, value: BigInt(tx.value), gas: BigInt(tx.gas) }, from);
      expect(receipt.status).toBe('success');
      expect(receipt.gasUsed <= BigInt(tx.gas)).toBe(true);
      if (tx.kind === 'action') gasUsed[name] = receipt.gasUsed;
      receipts.push(receipt);
    }
    return receipts;
  };
  const actionEvent = (
    receipts: ReadonlyArray<TransactionReceipt>,
    eventName: 'IncreaseLiquidity' | 'DecreaseLiquidity' | 'Collect',
  ): { tokenId: bigint; liquidity?: bigint; amount0: bigint; amount1: bigint } | undefined => {
    const logs = parseEventLogs({ abi: positionEventsAbi, eventName, logs: receipts.flatMap((r) => r.logs) });
    expect(logs).toHaveLength(1);
    return logs[0]?.args;
  };
  /** Swaps both ways through the pool, so in-range positions earn fees in both tokens. */
  const tradeThroughPool = async () => {
    await swapExactInputV3(h.devnet, defi.dragonswapV2, lp, { tokenIn: key.token0, tokenOut: key.token1, fee: FEE, amountIn: amountOf(key.token0, '300') });
    await swapExactInputV3(h.devnet, defi.dragonswapV2, lp, { tokenIn: key.token1, tokenOut: key.token0, fee: FEE, amountIn: amountOf(key.token1, '300') });
  };
  /** A mint body in the test pool, ticks 10 spacings either side of the start, overridable field by field. */
  const mintBody = (overrides: Partial<{ tickLower: number; tickUpper: number; amount0Desired: string; amount1Desired: string; slippageBps: number }>) => ({
    token0: key.token0,
    token1: key.token1,
    fee: FEE,
    tickLower: startTick - 10 * SPACING,
    tickUpper: startTick + 10 * SPACING,
    amount0Desired: '1000000',
    amount1Desired: '1000000',
    ...overrides,
  });
  const tokenAt = (address: Address): TestToken => {
    const found = defi.tokens.find((t) => t.address === getAddress(address));
    if (found === undefined) throw new Error(`no token ${address}`);
    return found;
  };
  const amountOf = (address: Address, whole: string) => {
    const { decimals } = tokenAt(address);
    return BigInt(whole) * 10n ** BigInt(decimals);
  };

  beforeAll(async () => {
    h = await startChainHarness();
    defi = await deploySeiDefiDevnet(h.devnet);
    const registry = writeRegistryFile({ ...defi.registry });
    cleanups.push(registry.remove);
    app = await startAppOnHarness(h, registry.file, {}, { now: clock.now });
    [, lp] = h.devnet.accounts as [DevnetAccount, DevnetAccount];
    [wallet, other] = [freshAccount(h.devnet), freshAccount(h.devnet)];
    await Promise.all([wallet, other].map((a) => h.devnet.setBalance(a.address, parseEther('100'))));
    const [wsei, usdc] = [defi.token('WSEI'), defi.token('USDC')];
    key = toPoolKey(wsei.address, usdc.address, FEE);
    // WSEI at 0.5 USDC: token1 per token0 in base units, on the spacing grid.
    const raw = key.token0 === wsei.address ? 0.5 * 10 ** (usdc.decimals - wsei.decimals) : 2 * 10 ** (wsei.decimals - usdc.decimals);
    startTick = Math.round(Math.log(raw) / Math.log(1.0001) / SPACING) * SPACING;
    await defi.mint([lp, wallet, other].flatMap((a) => [wsei, usdc].map((t) => ({ token: t.address, to: a.address, amount: amountOf(t.address, '1000000') }))));
    await approveUniswapV3(h.devnet, defi.dragonswapV2, lp, [wsei.address, usdc.address]);
    await createPoolV3(h.devnet, defi.dragonswapV2, { tokenA: wsei.address, tokenB: usdc.address, fee: FEE, sqrtPriceX96: getSqrtRatioAtTick(startTick) });
    await mintPositionsV3(h.devnet, defi.dragonswapV2, lp, [
      { key, tickLower: startTick - 200 * SPACING, tickUpper: startTick + 200 * SPACING, amount0Desired: amountOf(key.token0, '100000'), amount1Desired: amountOf(key.token1, '100000') },
    ]);
    token = await signIn(app.app, wallet.account);
    otherToken = await signIn(app.app, other.account);
  });

  afterAll(async () => {
    // Not asserted: the devnet's figures, for the README and the report.
    const p50 = (list: ReadonlyArray<number>) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)]?.toFixed(1);
    process.stdout.write(
      `tx-liquidity: latency p50 ${p50(latencies)} ms over all ${latencies.length} requests, ${p50(preparedLatencies)} ms over the ${preparedLatencies.length} answered 200; ` +
        `chain HTTP requests per prepare ${JSON.stringify(requestsPerPrepare)}; gas used ${JSON.stringify(Object.fromEntries(Object.entries(gasUsed).map(([k, v]) => [k, v.toString()])))}\n`,
    );
    await app?.shutdown('done');
    await h?.stop();
    cleanups.forEach((remove) => remove());
  });

  it('add (mint): approvals of the desired amounts, then mint; sent, the NFT holds exactly the quoted liquidity and the wallet paid exactly the quoted amounts', async () => {
    const body = mintBody({ tickUpper: startTick + 20 * SPACING, amount0Desired: amountOf(key.token0, '1000').toString(), amount1Desired: amountOf(key.token1, '1000').toString() });
    const data = await prepared('mint', 'add', body);
    // The block number, the pool (one multicall), the allowances, the allowance slots probed, the simulation and gas.
    expect(requestsPerPrepare.mint?.http).toBe(5);
    expect(data.action).toBe('add_liquidity');
    expect(data.simulation.ok).toBe(true);
    expect(data.transactions.map((t) => [t.kind, t.to])).toEqual([
      ['approve', key.token0],
      ['approve', key.token1],
      ['action', defi.dragonswapV2.positionManager],
    ]);
    const approved = data.transactions.slice(0, 2).map((t) => decodeFunctionData({ abi: erc20Abi, data: t.data }).args);
    expect(approved).toEqual([
      [defi.dragonswapV2.positionManager, BigInt(body.amount0Desired)],
      [defi.dragonswapV2.positionManager, BigInt(body.amount1Desired)],
    ]);
    const mint = decodeFunctionData({ abi: nonfungiblePositionManagerAbi, data: data.transactions[2]?.data ?? '0x' });
    expect(mint.functionName).toBe('mint');
    const quote = data.quote;
    expect(mint.args).toEqual([
      expect.objectContaining({ recipient: wallet.address, amount0Min: BigInt(quote?.amount0Min ?? -1), amount1Min: BigInt(quote?.amount1Min ?? -1), tickLower: body.tickLower, tickUpper: body.tickUpper }),
    ]);
    // Default slippage 50 bps.
    expect(BigInt(quote?.amount0Min ?? -1)).toBe((BigInt(quote?.amount0 ?? 0) * 9950n) / 10_000n);
    expect(announcedDeltas(data)).toEqual([-BigInt(quote?.amount0 ?? 0), -BigInt(quote?.amount1 ?? 0)]);

    const before = await balancesOf(wallet.address);
    const receipts = await signAndSend(data, wallet, 'mint');
    const minted = actionEvent(receipts, 'IncreaseLiquidity');
    expect([minted?.liquidity, minted?.amount0, minted?.amount1]).toEqual([BigInt(quote?.liquidity ?? 0), BigInt(quote?.amount0 ?? 0), BigInt(quote?.amount1 ?? 0)]);
    const after = await balancesOf(wallet.address);
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([...announcedDeltas(data)]);
    tokenId = minted?.tokenId ?? 0n;
    const owner = await h.devnet.publicClient.readContract({ address: defi.dragonswapV2.positionManager, abi: nonfungiblePositionManagerAbi, functionName: 'ownerOf', args: [tokenId] });
    expect(owner).toBe(wallet.address);
    expect((await positionOf(tokenId))[7]).toBe(BigInt(quote?.liquidity ?? 0));
  });

  it('add (increase) to the wallet’s NFT: the liquidity grows by exactly the quote, the wallet pays exactly the quoted amounts', async () => {
    const liquidityBefore = (await positionOf(tokenId))[7];
    const data = await prepared('increase', 'add', { tokenId: tokenId.toString(), amount0Desired: amountOf(key.token0, '500').toString(), amount1Desired: amountOf(key.token1, '200').toString(), slippageBps: 100 });
    // The NFT is new to the app: its position, then its pool (two rounds); the allowance slots are known by now.
    expect(requestsPerPrepare.increase?.http).toBe(5);
    expect(data.simulation.ok).toBe(true);
    expect(decodeFunctionData({ abi: nonfungiblePositionManagerAbi, data: data.transactions.at(-1)?.data ?? '0x' }).functionName).toBe('increaseLiquidity');
    expect(BigInt(data.quote?.amount1Min ?? -1)).toBe((BigInt(data.quote?.amount1 ?? 0) * 9900n) / 10_000n);
    const before = await balancesOf(wallet.address);
    const receipts = await signAndSend(data, wallet, 'increase');
    const added = actionEvent(receipts, 'IncreaseLiquidity');
    expect([added?.tokenId, added?.liquidity, added?.amount0, added?.amount1]).toEqual([tokenId, BigInt(data.quote?.liquidity ?? 0), BigInt(data.quote?.amount0 ?? 0), BigInt(data.quote?.amount1 ?? 0)]);
    const after = await balancesOf(wallet.address);
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([...announcedDeltas(data)]);
    expect((await positionOf(tokenId))[7]).toBe(liquidityBefore + BigInt(data.quote?.liquidity ?? 0));
  });

  it('collect after trades through the pool: pays exactly the fees the position manager reported before, then there is nothing to collect (422 NOTHING_TO_DO)', async () => {
    await tradeThroughPool();
    const block = await h.devnet.publicClient.getBlockNumber();
    const reported = await simulateCollect(h.devnet.publicClient, defi.dragonswapV2, { owner: wallet.address, tokenId, blockNumber: block });
    expect(reported.amount0 > 0n && reported.amount1 > 0n).toBe(true);
    const data = await prepared('collect', 'collect', { tokenId: tokenId.toString() });
    // The NFT's pool is remembered: one round reads the position, its pool and what collect pays; no allowances.
    expect(requestsPerPrepare.collect?.http).toBe(3);
    expect(data.action).toBe('collect');
    expect(data.simulation.ok).toBe(true);
    expect(data.transactions.map((t) => t.kind)).toEqual(['action']);
    expect(decodeFunctionData({ abi: nonfungiblePositionManagerAbi, data: data.transactions[0]?.data ?? '0x' }).args).toEqual([
      { tokenId, recipient: wallet.address, amount0Max: MAX_UINT128, amount1Max: MAX_UINT128 },
    ]);
    expect(announcedDeltas(data)).toEqual([reported.amount0, reported.amount1]);
    const before = await balancesOf(wallet.address);
    const receipts = await signAndSend(data, wallet, 'collect');
    const collected = actionEvent(receipts, 'Collect');
    expect([collected?.amount0, collected?.amount1]).toEqual([reported.amount0, reported.amount1]);
    const after = await balancesOf(wallet.address);
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([reported.amount0, reported.amount1]);

    const again = await prepare('collect', { tokenId: tokenId.toString() });
    expect([again.status, again.body.error.code]).toEqual([422, 'NOTHING_TO_DO']);
  });

  it('remove 40%: one multicall (decrease + collect); the liquidity falls by floor(L × 40 / 100), the principal is the quote and the wallet receives principal + fees exactly', async () => {
    await tradeThroughPool();
    const liquidityBefore = (await positionOf(tokenId))[7];
    const block = await h.devnet.publicClient.getBlockNumber();
    const fees = await simulateCollect(h.devnet.publicClient, defi.dragonswapV2, { owner: wallet.address, tokenId, blockNumber: block });
    const data = await prepared('remove', 'remove', { tokenId: tokenId.toString(), percent: 40 });
    expect(requestsPerPrepare.remove?.http).toBe(3);
    expect(data.action).toBe('remove_liquidity');
    expect(data.simulation.ok).toBe(true);
    expect(data.transactions.map((t) => t.kind)).toEqual(['action']);
    const call = decodeFunctionData({ abi: nonfungiblePositionManagerAbi, data: data.transactions[0]?.data ?? '0x' });
    expect(call.functionName).toBe('multicall');
    const removed = (liquidityBefore * 40n) / 100n;
    expect(data.quote?.liquidity).toBe(removed.toString());
    const principal = [BigInt(data.quote?.amount0 ?? 0), BigInt(data.quote?.amount1 ?? 0)] as const;
    expect(announcedDeltas(data)).toEqual([principal[0] + fees.amount0, principal[1] + fees.amount1]);

    const before = await balancesOf(wallet.address);
    const receipts = await signAndSend(data, wallet, 'remove');
    const decreased = actionEvent(receipts, 'DecreaseLiquidity');
    expect([decreased?.liquidity, decreased?.amount0, decreased?.amount1]).toEqual([removed, ...principal]);
    const after = await balancesOf(wallet.address);
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([...announcedDeltas(data)]);
    expect((await positionOf(tokenId))[7]).toBe(liquidityBefore - removed);
  });

  it('an out-of-range position (above the price) takes token0 only: one approval, one balance change; remove (default 100%) returns the principal and leaves the NFT empty', async () => {
    const data = await prepared('mintAbove', 'add', mintBody({ tickLower: startTick + 30 * SPACING, tickUpper: startTick + 60 * SPACING, amount0Desired: amountOf(key.token0, '50').toString(), amount1Desired: amountOf(key.token1, '50').toString() }));
    expect(data.simulation.ok).toBe(true);
    expect(data.transactions.map((t) => [t.kind, t.to])).toEqual([
      ['approve', key.token0],
      ['action', defi.dragonswapV2.positionManager],
    ]);
    expect([data.quote?.amount1, data.quote?.amount1Min]).toEqual(['0', '0']);
    expect(data.simulation.balanceChanges.map((c) => [c.token, c.delta])).toEqual([[key.token0, `-${data.quote?.amount0}`]]);
    const minted = actionEvent(await signAndSend(data, wallet, 'mintAbove'), 'IncreaseLiquidity');
    expect([minted?.liquidity, minted?.amount0, minted?.amount1]).toEqual([BigInt(data.quote?.liquidity ?? 0), BigInt(data.quote?.amount0 ?? 0), 0n]);

    const id = minted?.tokenId ?? 0n;
    const removal = await prepared('removeAll', 'remove', { tokenId: id.toString() });
    expect(removal.quote?.liquidity).toBe(data.quote?.liquidity);
    const before = await balancesOf(wallet.address);
    const decreased = actionEvent(await signAndSend(removal, wallet, 'removeAll'), 'DecreaseLiquidity');
    expect([decreased?.amount0, decreased?.amount1]).toEqual([BigInt(removal.quote?.amount0 ?? 0), 0n]);
    const after = await balancesOf(wallet.address);
    expect([after[0] - before[0], after[1] - before[1]]).toEqual([...announcedDeltas(removal)]);
    expect((await positionOf(id))[7]).toBe(0n);
    const again = await prepare('remove', { tokenId: id.toString() });
    expect([again.status, again.body.error.code]).toEqual([422, 'NOTHING_TO_DO']);
  });

  it('a wallet without the tokens gets 200 with simulation ok: false, INSUFFICIENT_BALANCE, not a refusal', async () => {
    const empty = freshAccount(h.devnet);
    await h.devnet.setBalance(empty.address, parseEther('1'));
    const emptyToken = await signIn(app.app, empty.account);
    const res = await prepare('add', mintBody({}), emptyToken);
    expect(res.status).toBe(200);
    expect((res.body.data as PreparedJson).simulation).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_BALANCE' } });
  });

  it('the minimums hold: a price move beyond the slippage between prepare and send makes the mint revert', async () => {
    const data = await prepared('mintSlipped', 'add', mintBody({ amount0Desired: amountOf(key.token0, '100').toString(), amount1Desired: amountOf(key.token1, '100').toString(), slippageBps: 1 }));
    expect(data.simulation.ok).toBe(true);
    // A large trade moves the price well past 0.01% before the wallet's transactions land.
    await swapExactInputV3(h.devnet, defi.dragonswapV2, lp, { tokenIn: key.token0, tokenOut: key.token1, fee: FEE, amountIn: amountOf(key.token0, '20000') });
    const [, ...approvals] = [...data.transactions].reverse();
    for (const tx of approvals.reverse()) await h.devnet.sendTransaction({ to: tx.to, data: tx.data, gas: BigInt(tx.gas) }, wallet);
    const mint = data.transactions.at(-1);
    await expect(h.devnet.publicClient.call({ account: wallet.address, to: mint?.to, data: mint?.data })).rejects.toThrow('Price slippage check');
  });

  it('another wallet’s NFT is 403 NOT_OWNER on every route; an NFT that does not exist is 404; no token is 401', async () => {
    const id = tokenId.toString();
    for (const [path, body] of [
      ['add', { tokenId: id, amount0Desired: '1000', amount1Desired: '1000' }],
      ['remove', { tokenId: id }],
      ['collect', { tokenId: id }],
    ] as const) {
      const res = await prepare(path, body, otherToken);
      expect([path, res.status, res.body.error.code]).toEqual([path, 403, 'NOT_OWNER']);
      const missing = await prepare(path, { ...body, tokenId: '999999' });
      expect([path, missing.status, missing.body.error.code]).toEqual([path, 404, 'NOT_FOUND']);
      const anonymous = await prepare(path, body, null);
      expect([path, anonymous.status]).toEqual([path, 401]);
    }
  });

  it('input is refused (400) before ownership: bad percent, ticks off the grid or reversed, tokens out of pool order, a wallet field', async () => {
    const id = tokenId.toString();
    const validMint = mintBody({});
    const cases: ReadonlyArray<readonly [string, 'add' | 'remove' | 'collect', unknown, string]> = [
      ['percent 0', 'remove', { tokenId: id, percent: 0 }, 'body.percent'],
      ['percent 101', 'remove', { tokenId: id, percent: 101 }, 'body.percent'],
      ['percent as a string', 'remove', { tokenId: id, percent: '50' }, 'body.percent'],
      ['slippage above 5000', 'remove', { tokenId: id, slippageBps: 5001 }, 'body.slippageBps'],
      ['a wallet field', 'collect', { tokenId: id, wallet: other.address }, 'body.wallet'],
      ['a tokenId that is a number', 'collect', { tokenId: 1 }, 'body.tokenId'],
      ['a lower tick off the spacing grid', 'add', { ...validMint, tickLower: validMint.tickLower + 1 }, 'body.tickLower'],
      ['an upper tick off the spacing grid', 'add', { ...validMint, tickUpper: validMint.tickUpper - 7 }, 'body.tickUpper'],
      ['tickLower = tickUpper', 'add', { ...validMint, tickLower: validMint.tickUpper }, 'body.tickUpper'],
      ['a tick beyond MAX_TICK', 'add', { ...validMint, tickUpper: 887_273 }, 'body.tickUpper'],
      ['tokens out of pool order', 'add', { ...validMint, token0: key.token1, token1: key.token0 }, 'body.token1'],
      ['a zero amount', 'add', { ...validMint, amount0Desired: '0' }, 'body.amount0Desired'],
    ];
    for (const [what, path, body, field] of cases) {
      const res = await prepare(path, body, otherToken);
      expect([what, res.status, res.body.error.code, res.body.error.details.map((d: { path: string }) => d.path)]).toEqual([what, 400, 'VALIDATION_ERROR', [field]]);
    }
  });

  it('a pair without a pool at that fee is 422 NO_ROUTE; a token outside the registry is 422 UNKNOWN_ASSET', async () => {
    const body = { token0: key.token0, token1: key.token1, fee: 500, tickLower: -100, tickUpper: 100, amount0Desired: '1000', amount1Desired: '1000' };
    const noPool = await prepare('add', body);
    expect([noPool.status, noPool.body.error.code]).toEqual([422, 'NO_ROUTE']);
    const stranger: Address = '0x0000000000000000000000000000000000000001';
    const unknown = await prepare('add', { ...body, fee: FEE, tickLower: -120, tickUpper: 120, token0: stranger });
    expect([unknown.status, unknown.body.error.code]).toEqual([422, 'UNKNOWN_ASSET']);
  });
});
