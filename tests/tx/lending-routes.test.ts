import fc from 'fast-check';
import request from 'supertest';
import { maxUint256, type Address } from 'viem';
import type { RunningServer } from '../../src/main';
import type { DevnetAccount } from '../support/devnet';
import { E18, E6, startLendingHarness, type LendingHarness } from './lending-harness';
import type { PreparedJson } from './prepared-json';

jest.setTimeout(300_000);


type LendingAction = 'supply' | 'withdraw' | 'borrow' | 'repay';

/** |actual − expected| ≤ expected × 1e-6 (both as the API's numbers). */
const isWithinMillionth = (actual: number, expected: number): boolean => Math.abs(actual - expected) <= expected * 1e-6;
const fromWad = (wad: bigint): number => Number(wad) / 1e18;

describe('POST /api/tx/lending/*: prepared by the engine, simulated, signed and sent by the wallet, landing as announced (Yei on the devnet)', () => {
  let h: LendingHarness;
  let app: RunningServer;
  const latencies: number[] = [];
  const requestsPerPrepare: Record<string, number[]> = {};
  const tokens = new Map<Address, string>();

  const usdc = () => h.defi.token('USDC').address;
  const weth = () => h.defi.token('WETH').address;
  const wsei = () => h.defi.token('WSEI').address;
  const pool = () => h.defi.yei.pool;

  const tokenOf = async (account: DevnetAccount): Promise<string> => {
    const known = tokens.get(account.address);
    if (known !== undefined) return known;
    const token = await h.tokenFor(app, account);
    tokens.set(account.address, token);
    return token;
  };

  const prepareRaw = async (account: DevnetAccount, action: LendingAction, body: unknown) => {
    const token = await tokenOf(account);
    h.chain.proxy.reset();
    const started = performance.now();
    const res = await request(app.app).post(`/api/tx/lending/${action}`).set('Authorization', `Bearer ${token}`).send(body as object);
    latencies.push(performance.now() - started);
    if (res.status === 200) (requestsPerPrepare[action] ??= []).push(h.chain.proxy.stats().httpRequests);
    return res;
  };

  const prepare = async (account: DevnetAccount, action: LendingAction, body: unknown): Promise<PreparedJson> => {
    const res = await prepareRaw(account, action, body);
    expect(res.status).toBe(200);
    return res.body.data as PreparedJson;
  };

  /** Signs and sends every prepared transaction with its own gas, as a wallet would. */
  const signAndSend = async (prepared: PreparedJson, account: DevnetAccount): Promise<void> => {
    for (const tx of prepared.transactions) {
      const receipt = await h.chain.devnet.sendTransaction({ to: tx.to, data: tx.data, value: BigInt(tx.value), gas: BigInt(tx.gas) }, account);
      expect(receipt.status).toBe('success');
    }
  };

  const balance = (token: Address, holder: Address) => h.balanceOf(token, holder);
  const reserveOf = (asset: Address, user: Address) => h.defi.yei.getUserReserveData(asset, user);
  const poolHealthFactor = async (user: Address, blockNumber?: bigint) => (await h.defi.yei.getUserAccountData(user, blockNumber)).healthFactor;

  beforeAll(async () => {
    h = await startLendingHarness();
    await h.defi.yei.supply(h.chain.devnet.accounts[1] as DevnetAccount, weth(), 1_000n * E18);
    app = await h.startApp();
  });

  afterAll(async () => {
    const sorted = [...latencies].sort((a, b) => a - b);
    const counts = Object.entries(requestsPerPrepare).map(([action, n]) => `${action} ${[...new Set(n)].sort((a, b) => a - b).join('/')}`);
    // Not asserted: the devnet's figures, for the report.
    process.stdout.write(`lending prepare over ${sorted.length} requests: p50 ${sorted[Math.floor(sorted.length / 2)]?.toFixed(1)} ms; chain HTTP requests per prepare: ${counts.join(', ')}\n`);
    await h?.stop();
  });

  it('supply 10 WETH: an exact approve then Pool.supply, simulated ok; sent, the wallet’s WETH becomes aWETH', async () => {
    const wallet = await h.wallet();
    await h.defi.mint([{ token: weth(), to: wallet.address, amount: 10n * E18 }]);
    const prepared = await prepare(wallet, 'supply', { asset: weth(), amount: (10n * E18).toString() });
    expect(prepared.action).toBe('supply');
    expect(prepared.wallet).toBe(wallet.address);
    expect(prepared.transactions.map((t) => [t.kind, t.to])).toEqual([
      ['approve', weth()],
      ['action', pool()],
    ]);
    expect(prepared.simulation).toEqual({
      ok: true,
      healthFactorBefore: null,
      healthFactorAfter: null,
      balanceChanges: [{ token: weth(), symbol: 'WETH', delta: (-10n * E18).toString(), deltaFormatted: '-10' }],
    });
    await signAndSend(prepared, wallet);
    expect(await balance(weth(), wallet.address)).toBe(0n);
    expect((await reserveOf(weth(), wallet.address)).currentATokenBalance).toBe(10n * E18);
  });

  it('once the wallet has signed the approval, the same supply prepared again has no approval', async () => {
    const wallet = await h.wallet();
    await h.defi.mint([{ token: usdc(), to: wallet.address, amount: 500n * E6 }]);
    const first = await prepare(wallet, 'supply', { asset: usdc(), amount: 'max' });
    expect(first.transactions.map((t) => t.kind)).toEqual(['approve', 'action']);
    // The wallet signs the approval only.
    await signAndSend({ ...first, transactions: first.transactions.slice(0, 1) }, wallet);
    const second = await prepare(wallet, 'supply', { asset: usdc(), amount: 'max' });
    expect(second.transactions.map((t) => t.kind)).toEqual(['action']);
    expect(second.simulation.ok).toBe(true);
    expect(second.simulation.balanceChanges.map((c) => c.delta)).toEqual([(-500n * E6).toString()]);
    await signAndSend(second, wallet);
    expect((await reserveOf(usdc(), wallet.address)).currentATokenBalance).toBe(500n * E6);
  });

  it('borrow: healthFactorBefore is the pool’s at the block; after landing the pool’s equals healthFactorAfter (rel 1e-6)', async () => {
    const wallet = await h.borrower(10_000n * E18, 1_000n * E6);
    const prepared = await prepare(wallet, 'borrow', { asset: usdc(), amount: (1_500n * E6).toString() });
    expect(prepared.transactions.map((t) => t.kind)).toEqual(['action']);
    expect(prepared.simulation.ok).toBe(true);
    expect(prepared.simulation.healthFactorBefore).toBe(fromWad(await poolHealthFactor(wallet.address, BigInt(prepared.blockNumber))));
    // $5 000 × 80% / 2 500 = 1.6.
    expect(isWithinMillionth(prepared.simulation.healthFactorAfter ?? 0, 1.6)).toBe(true);
    expect(prepared.simulation.balanceChanges).toEqual([{ token: usdc(), symbol: 'USDC', delta: (1_500n * E6).toString(), deltaFormatted: '1500' }]);
    await signAndSend(prepared, wallet);
    expect(isWithinMillionth(fromWad(await poolHealthFactor(wallet.address)), prepared.simulation.healthFactorAfter ?? 0)).toBe(true);
    expect(await balance(usdc(), wallet.address)).toBe(2_500n * E6);
  });

  it('borrow past the collateral: 200, ok: false, INSUFFICIENT_COLLATERAL (Aave error 36); healthFactorAfter is $5 000 × 80% / 4 000 = 1', async () => {
    // $5 000 × 75% LTV = $3 750 borrowable; 1 000 borrowed; 3 000 more is past it.
    const wallet = await h.borrower(10_000n * E18, 1_000n * E6);
    const prepared = await prepare(wallet, 'borrow', { asset: usdc(), amount: (3_000n * E6).toString() });
    expect(prepared.simulation.ok).toBe(false);
    expect(prepared.simulation.error?.code).toBe('INSUFFICIENT_COLLATERAL');
    expect(prepared.simulation.healthFactorAfter).toBe(1);
  });

  it('withdrawing collateral below HF 1: 200, ok: false, HEALTH_FACTOR_TOO_LOW (Aave error 35)', async () => {
    const wallet = await h.borrower(10_000n * E18, 3_000n * E6);
    const prepared = await prepare(wallet, 'withdraw', { asset: wsei(), amount: (3_000n * E18).toString() });
    expect(prepared.simulation.ok).toBe(false);
    expect(prepared.simulation.error?.code).toBe('HEALTH_FACTOR_TOO_LOW');
    // $3 500 × 80% / 3 000 = 0.9333…
    expect(isWithinMillionth(prepared.simulation.healthFactorAfter ?? 0, 2_800 / 3_000)).toBe(true);
  });

  it('repay "max" signed several blocks later leaves zero debt; withdraw "max" then leaves zero aToken', async () => {
    const wallet = await h.borrower(10_000n * E18, 2_000n * E6);
    await h.defi.mint([{ token: usdc(), to: wallet.address, amount: 10n * E6 }]);
    const repay = await prepare(wallet, 'repay', { asset: usdc(), amount: 'max' });
    const debtAtBlock = (await h.defi.yei.getUserReserveData(usdc(), wallet.address, BigInt(repay.blockNumber))).currentVariableDebt;
    expect(repay.transactions.map((t) => t.kind)).toEqual(['approve', 'action']);
    expect(repay.simulation.ok).toBe(true);
    expect(repay.simulation.healthFactorAfter).toBeNull();
    expect(repay.simulation.balanceChanges.map((c) => c.delta)).toEqual([(-debtAtBlock).toString()]);
    await h.chain.devnet.mine(5);
    await h.chain.devnet.increaseTime(60);
    await signAndSend(repay, wallet);
    expect((await reserveOf(usdc(), wallet.address)).currentVariableDebt).toBe(0n);
    expect(await poolHealthFactor(wallet.address)).toBe(maxUint256);

    const withdraw = await prepare(wallet, 'withdraw', { asset: wsei(), amount: 'max' });
    const supplied = (await h.defi.yei.getUserReserveData(wsei(), wallet.address, BigInt(withdraw.blockNumber))).currentATokenBalance;
    expect(withdraw.simulation.ok).toBe(true);
    expect(withdraw.simulation.balanceChanges.map((c) => c.delta)).toEqual([supplied.toString()]);
    await signAndSend(withdraw, wallet);
    expect((await reserveOf(wsei(), wallet.address)).currentATokenBalance).toBe(0n);
    expect(await balance(wsei(), wallet.address)).toBeGreaterThanOrEqual(supplied);
  });

  it('refuses: 401 without a token; 400 for a wallet field, a number, zero or "max" to borrow; 422 UNKNOWN_ASSET and NOTHING_TO_DO', async () => {
    const wallet = await h.wallet();
    const unauthenticated = await request(app.app).post('/api/tx/lending/supply').send({ asset: usdc(), amount: '1' });
    expect(unauthenticated.status).toBe(401);
    const codeOf = async (action: LendingAction, body: unknown) => {
      const res = await prepareRaw(wallet, action, body);
      return [res.status, res.body.error?.code];
    };
    expect(await codeOf('supply', { asset: usdc(), amount: '1', wallet: wallet.address })).toEqual([400, 'VALIDATION_ERROR']);
    expect(await codeOf('supply', { asset: usdc(), amount: 1 })).toEqual([400, 'VALIDATION_ERROR']);
    expect(await codeOf('withdraw', { asset: usdc(), amount: '0' })).toEqual([400, 'VALIDATION_ERROR']);
    expect(await codeOf('borrow', { asset: usdc(), amount: 'max' })).toEqual([400, 'VALIDATION_ERROR']);
    expect(await codeOf('borrow', { asset: '0x000000000000000000000000000000000000dEaD', amount: '1' })).toEqual([422, 'UNKNOWN_ASSET']);
    expect(await codeOf('repay', { asset: usdc(), amount: 'max' })).toEqual([422, 'NOTHING_TO_DO']);
  });

  it('property: random supply/borrow/repay sequences through HTTP land with the pool’s health factor equal to healthFactorAfter', async () => {
    const step = fc.oneof(
      fc.record({ kind: fc.constant('supply' as const), symbol: fc.constantFrom('WSEI', 'WETH', 'USDC'), dollars: fc.integer({ min: 100, max: 20_000 }) }),
      fc.record({ kind: fc.constant('borrow' as const), symbol: fc.constantFrom('USDC', 'WETH'), bps: fc.integer({ min: 100, max: 5_000 }) }),
      fc.record({ kind: fc.constant('repay' as const), bps: fc.integer({ min: 100, max: 10_000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1_000, max: 50_000 }), fc.array(step, { minLength: 2, maxLength: 4 }), async (firstDollars, rest) => {
        const wallet = await h.wallet();
        for (const s of [{ kind: 'supply' as const, symbol: 'WETH', dollars: firstDollars }, ...rest]) {
          const owed = await Promise.all(h.defi.yei.reserves.map(async (r) => ({ r, debt: (await reserveOf(r.address, wallet.address)).currentVariableDebt })));
          const reserve = s.kind === 'repay' ? (owed.find((o) => o.debt > 0n)?.r ?? h.defi.yei.reserve('USDC')) : h.defi.yei.reserve(s.symbol);
          const unit = 10n ** BigInt(reserve.decimals);
          const debt = owed.find((o) => o.r.address === reserve.address)?.debt ?? 0n;
          const available = (await h.defi.yei.getUserAccountData(wallet.address)).availableBorrowsBase;
          const amount =
            s.kind === 'supply' ? (BigInt(s.dollars) * unit * 100_000_000n) / reserve.spec.price : s.kind === 'borrow' ? (available * BigInt(s.bps) * unit) / 10_000n / reserve.spec.price : (debt * BigInt(s.bps)) / 10_000n;
          if (s.kind !== 'borrow') await h.defi.mint([{ token: reserve.address, to: wallet.address, amount: amount + unit }]);
          const isWholeDebt = s.kind === 'repay' && (s.bps === 10_000 || amount === 0n);
          const res = await prepareRaw(wallet, s.kind, { asset: reserve.address, amount: isWholeDebt ? 'max' : amount.toString() });
          // Repaying an asset without debt is refused before anything is simulated.
          expect(res.status).toBe(s.kind === 'repay' && debt === 0n ? 422 : 200);
          if (res.status !== 200) continue;
          const prepared = res.body.data as PreparedJson;
          expect(prepared.simulation.ok).toBe(true);
          await signAndSend(prepared, wallet);
          const after = await poolHealthFactor(wallet.address);
          expect(prepared.simulation.healthFactorAfter === null ? after === maxUint256 : isWithinMillionth(fromWad(after), prepared.simulation.healthFactorAfter)).toBe(true);
        }
      }),
      { numRuns: 5 },
    );
  });
});
