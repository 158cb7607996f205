import request from 'supertest';
import { decodeFunctionData, erc20Abi, parseEther, type Address } from 'viem';
import type { RunningServer } from '../../src/main';
import { wrappedNativeAbi } from '../../src/services/tx/wrap/wrapped-native-abi';
import { signIn } from '../auth/sign-in';
import { startAppOnHarness, startChainHarness, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import { freshAccount, type DevnetAccount } from '../support/devnet';
import { deploySeiDefiDevnet, type SeiDefiDevnet } from '../support/sei-defi/deploy-sei-defi-devnet';
import { makeTestClock } from '../support/test-clock';
import type { PreparedJson } from './prepared-json';

jest.setTimeout(180_000);


describe('POST /api/tx/wrap and /api/tx/unwrap: prepared, simulated, signed by the wallet, landing exactly as announced', () => {
  let h: ChainHarness;
  let defi: SeiDefiDevnet;
  let app: RunningServer;
  let wallet: DevnetAccount;
  let token: string;
  let registryFile: string;
  const clock = makeTestClock();
  const cleanups: Array<() => void> = [];
  const latencies: number[] = [];

  /** `bearer: null` sends no token. */
  const prepare = async (action: 'wrap' | 'unwrap', body: unknown, bearer: string | null = token) => {
    const started = performance.now();
    const req = request(app.app).post(`/api/tx/${action}`);
    const res = await (bearer === null ? req : req.set('Authorization', `Bearer ${bearer}`)).send(body as object);
    latencies.push(performance.now() - started);
    return res;
  };
  const wseiOf = (address: Address) => h.devnet.publicClient.readContract({ address: defi.wrappedNative.address, abi: erc20Abi, functionName: 'balanceOf', args: [address] });
  const seiOf = (address: Address) => h.devnet.publicClient.getBalance({ address });

  /** Sends every prepared transaction with its own gas; returns the gas paid. */
  const signAndSend = async (prepared: PreparedJson, from: DevnetAccount): Promise<bigint> => {
    let paid = 0n;
    for (const tx of prepared.transactions) {
      const receipt = await h.devnet.sendTransaction({ to: tx.to, data: tx.data, value: BigInt(tx.value), gas: BigInt(tx.gas) }, from);
      expect(receipt.status).toBe('success');
      expect(receipt.gasUsed <= BigInt(tx.gas)).toBe(true);
      paid += receipt.gasUsed * receipt.effectiveGasPrice;
    }
    return paid;
  };

  beforeAll(async () => {
    h = await startChainHarness();
    defi = await deploySeiDefiDevnet(h.devnet);
    const registry = writeRegistryFile(defi.registry);
    cleanups.push(registry.remove);
    registryFile = registry.file;
    app = await startAppOnHarness(h, registryFile, {}, { now: clock.now });
    wallet = freshAccount(h.devnet);
    await h.devnet.setBalance(wallet.address, parseEther('100'));
    token = await signIn(app.app, wallet.account);
  });

  afterAll(async () => {
    // Not asserted: the devnet's prepare latency, for the README and the report.
    const sorted = [...latencies].sort((a, b) => a - b);
    process.stdout.write(`tx-wrap prepare latency over ${sorted.length} requests: p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms\n`);
    await app?.shutdown('done');
    await h?.stop();
    cleanups.forEach((remove) => remove());
  });

  it('wrap: one deposit of exactly the amount, simulated ok at the latest block, in 2 chain HTTP requests; sent, the balances move exactly as announced', async () => {
    const amount = parseEther('2.5');
    h.proxy.reset();
    const res = await prepare('wrap', { amount: amount.toString() });
    const requests = h.proxy.stats();
    expect(res.status).toBe(200);
    const data = res.body.data as PreparedJson;
    const block = await h.devnet.publicClient.getBlockNumber();
    expect(data).toMatchObject({ action: 'wrap', wallet: wallet.address, chainId: 1329, blockNumber: block.toString() });
    expect(Date.parse(data.expiresAt) - clock.nowMs()).toBeGreaterThan(59_000);
    expect(Date.parse(data.expiresAt) - clock.nowMs()).toBeLessThanOrEqual(60_000);
    expect(data.transactions).toHaveLength(1);
    const [tx] = data.transactions;
    expect(tx).toMatchObject({ to: defi.wrappedNative.address, value: amount.toString(), chainId: 1329, kind: 'action', description: 'Wrap 2.5 SEI into WSEI' });
    expect(decodeFunctionData({ abi: wrappedNativeAbi, data: tx?.data ?? '0x' }).functionName).toBe('deposit');
    expect(data.simulation).toEqual({
      ok: true,
      healthFactorBefore: null,
      healthFactorAfter: null,
      balanceChanges: [
        { token: 'native', symbol: 'SEI', delta: (-amount).toString(), deltaFormatted: '-2.5' },
        { token: defi.wrappedNative.address, symbol: 'WSEI', delta: amount.toString(), deltaFormatted: '2.5' },
      ],
    });
    // The block number, then the simulation, the gas estimate, the health factor and the SEI spent against the balance in one batch.
    expect(requests.httpRequests).toBe(2);
    expect(requests.methods).toEqual({ eth_blockNumber: 1, eth_call: 2, eth_estimateGas: 1, eth_getBalance: 1 });

    const [seiBefore, wseiBefore] = [await seiOf(wallet.address), await wseiOf(wallet.address)];
    const gasPaid = await signAndSend(data, wallet);
    expect((await seiOf(wallet.address)) - seiBefore + gasPaid).toBe(-amount);
    expect((await wseiOf(wallet.address)) - wseiBefore).toBe(amount);
  });

  it('unwrap: one withdraw, sent, moves WSEI and SEI exactly as announced', async () => {
    const amount = parseEther('1.25');
    h.proxy.reset();
    const res = await prepare('unwrap', { amount: amount.toString() });
    expect(h.proxy.stats().httpRequests).toBe(2);
    expect(res.status).toBe(200);
    const data = res.body.data as PreparedJson;
    expect(data.action).toBe('unwrap');
    const [tx] = data.transactions;
    expect(tx).toMatchObject({ to: defi.wrappedNative.address, value: '0', kind: 'action' });
    expect(decodeFunctionData({ abi: wrappedNativeAbi, data: tx?.data ?? '0x' }).args).toEqual([amount]);
    expect(data.simulation.ok).toBe(true);
    expect(data.simulation.balanceChanges.map((c) => [c.token, c.delta])).toEqual([
      [defi.wrappedNative.address, (-amount).toString()],
      ['native', amount.toString()],
    ]);
    const [seiBefore, wseiBefore] = [await seiOf(wallet.address), await wseiOf(wallet.address)];
    const gasPaid = await signAndSend(data, wallet);
    expect((await wseiOf(wallet.address)) - wseiBefore).toBe(-amount);
    expect((await seiOf(wallet.address)) - seiBefore + gasPaid).toBe(amount);
  });

  it('unwrap "max" is the whole WSEI balance at the block; beyond the balance the simulation says INSUFFICIENT_BALANCE (200, ok: false)', async () => {
    const held = await wseiOf(wallet.address);
    const max = await prepare('unwrap', { amount: 'max' });
    expect(max.status).toBe(200);
    expect((max.body.data as PreparedJson).simulation.balanceChanges[0]?.delta).toBe((-held).toString());

    const beyond = await prepare('unwrap', { amount: (held + 1n).toString() });
    expect(beyond.status).toBe(200);
    const data = beyond.body.data as PreparedJson;
    expect(data.simulation.ok).toBe(false);
    expect(data.simulation.error?.code).toBe('INSUFFICIENT_BALANCE');
    expect(data.transactions).toHaveLength(1);
    // WETH9's withdraw reverts without a reason: the gas falls back to the measured bound.
    expect(data.transactions[0]?.gas).toBe('50000');
  });

  it('wrap beyond the SEI balance: 200 with ok: false, INSUFFICIENT_BALANCE', async () => {
    const res = await prepare('wrap', { amount: parseEther('1000').toString() });
    expect(res.status).toBe(200);
    expect((res.body.data as PreparedJson).simulation).toMatchObject({ ok: false, error: { code: 'INSUFFICIENT_BALANCE' } });
  });

  it('wrap "max" keeps back twice the wrap gas bound at the gas price; sent, the wallet is left with that reserve less the gas paid', async () => {
    const holder = freshAccount(h.devnet);
    await h.devnet.setBalance(holder.address, parseEther('3'));
    const holderToken = await signIn(app.app, holder.account);
    const res = await prepare('wrap', { amount: 'max' }, holderToken);
    expect(res.status).toBe(200);
    const data = res.body.data as PreparedJson;
    const gasPrice = await h.devnet.publicClient.getGasPrice();
    const value = BigInt(data.transactions[0]?.value ?? '0');
    expect(parseEther('3') - value).toBe(gasPrice * 60_000n * 2n);
    expect(data.simulation.ok).toBe(true);
    const gasPaid = await signAndSend(data, holder);
    expect(await wseiOf(holder.address)).toBe(value);
    expect(await seiOf(holder.address)).toBe(parseEther('3') - value - gasPaid);
  });

  it('422 NOTHING_TO_DO for unwrap "max" without WSEI; 422 UNKNOWN_ASSET on a network whose registry has no wrapped native token', async () => {
    const empty = freshAccount(h.devnet);
    await h.devnet.setBalance(empty.address, parseEther('1'));
    const res = await prepare('unwrap', { amount: 'max' }, await signIn(app.app, empty.account));
    expect([res.status, res.body.error.code]).toEqual([422, 'NOTHING_TO_DO']);

    const withoutWsei = writeRegistryFile({ ...defi.registry, wrappedNative: null });
    cleanups.push(withoutWsei.remove);
    const other = await startAppOnHarness(h, withoutWsei.file, {}, { now: clock.now });
    try {
      const refused = await request(other.app).post('/api/tx/wrap').set('Authorization', `Bearer ${await signIn(other.app, wallet.account)}`).send({ amount: '1' });
      expect([refused.status, refused.body.error.code]).toEqual([422, 'UNKNOWN_ASSET']);
    } finally {
      await other.shutdown('done');
    }
  });

  it('a hung RPC answers 503 RPC_UNAVAILABLE at the read deadline, not at the request timeout', async () => {
    const strict = await startAppOnHarness(h, registryFile, { RPC_READ_DEADLINE_MS: '300' }, { now: clock.now });
    try {
      const strictToken = await signIn(strict.app, wallet.account);
      h.proxy.setFailing(true, 'hang');
      const res = await request(strict.app).post('/api/tx/wrap').set('Authorization', `Bearer ${strictToken}`).send({ amount: '1' });
      expect([res.status, res.body.error.code]).toEqual([503, 'RPC_UNAVAILABLE']);
    } finally {
      h.proxy.setFailing(false);
      await strict.shutdown('done');
    }
  });

  it('refuses without a token (401) and with a wallet the body names (400)', async () => {
    const anonymous = await prepare('wrap', { amount: '1' }, null);
    expect([anonymous.status, anonymous.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    for (const key of ['wallet', 'from']) {
      const res = await prepare('wrap', { amount: '1', [key]: wallet.address });
      expect([res.status, res.body.error.code, res.body.error.details]).toEqual([400, 'VALIDATION_ERROR', [{ path: `body.${key}`, expected: 'no such field: the signed-in wallet (the token) is the one acting' }]]);
    }
  });

  it.each<[string, unknown]>([
    ['a JSON number', 1000],
    ['zero', '0'],
    ['a negative amount', '-5'],
    ['a fraction', '1.5'],
    ['an exponent', '1e18'],
    ['2^256', (2n ** 256n).toString()],
    ['a leading zero', '01'],
    ['hex', '0x10'],
    ['surrounding space', ' 10'],
    ['no amount', undefined],
  ])('refuses %s as the amount: 400 VALIDATION_ERROR on body.amount', async (_what, amount) => {
    for (const action of ['wrap', 'unwrap'] as const) {
      const res = await prepare(action, amount === undefined ? {} : { amount });
      expect([res.status, res.body.error.code, res.body.error.details[0].path]).toEqual([400, 'VALIDATION_ERROR', 'body.amount']);
    }
  });
});
