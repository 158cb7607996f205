import fc from 'fast-check';
import * as E from 'fp-ts/Either';
import { createPublicClient, encodeFunctionData, erc20Abi, getAddress, http, maxUint256, type Address, type TransactionReceipt } from 'viem';
import { makeAaveV3LendingMarket } from '../../src/adapters/protocols/aave-v3/make-aave-v3-lending-market';
import type { AppError } from '../../src/domain/app-error';
import type { ActionPlan } from '../../src/domain/tx/action-plan';
import { LENDING_GAS_UPPER_BOUNDS, planBorrow, planRepay, planSupply, planWithdraw, type LendingDeps, type LendingPlanner } from '../../src/services/tx/lending';
import { deployTestTokens, freshAccount, MULTICALL3_ADDRESS, startDevnet, testTokenAbi, type Devnet, type DevnetAccount, type TestToken } from '../support/devnet';
import { startRpcCountingProxy, type RpcCountingProxy } from '../support/rpc-counting-proxy';
import { deploySeiDefiDevnet, type SeiDefiDevnet } from '../support/sei-defi/deploy-sei-defi-devnet';
import { E18, E6, isWithinMillionth } from './lending-harness';

jest.setTimeout(300_000);


describe('Yei lending planners against the real Aave v3 on the devnet (plan, approve by hand, send, compare with the pool)', () => {
  let devnet: Devnet;
  let proxy: RpcCountingProxy;
  let defi: SeiDefiDevnet;
  let deps: LendingDeps;
  let outsider: TestToken;
  const gasUsed: Record<string, bigint[]> = { supply: [], withdraw: [], borrow: [], repay: [] };

  const usdc = () => defi.token('USDC').address;
  const weth = () => defi.token('WETH').address;
  const wsei = () => defi.token('WSEI').address;

  const funded = async (): Promise<DevnetAccount> => {
    const account = freshAccount(devnet);
    await devnet.setBalance(account.address, 100n * E18);
    return account;
  };

  const plan = async (planner: LendingPlanner, wallet: Address): Promise<E.Either<AppError, ActionPlan>> =>
    planner({ wallet, blockNumber: await devnet.publicClient.getBlockNumber({ cacheTime: 0 }) })();

  const planned = async (planner: LendingPlanner, wallet: Address): Promise<ActionPlan> => {
    const result = await plan(planner, wallet);
    if (E.isLeft(result)) throw new Error(`planner refused: ${JSON.stringify(result.left)}`);
    return result.right;
  };

  const balanceOf = (token: Address, holder: Address) => devnet.publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [holder] });

  /** Approves each allowance need by hand (with `approvalMargin` on top), then sends the plan's calls as the wallet. */
  const send = async (p: ActionPlan, account: DevnetAccount, approvalMargin = 0n): Promise<ReadonlyArray<TransactionReceipt>> => {
    for (const need of p.allowances) {
      await devnet.sendTransaction({ to: need.token, data: encodeFunctionData({ abi: testTokenAbi, functionName: 'approve', args: [need.spender, need.amount + approvalMargin] }) }, account);
    }
    const receipts: TransactionReceipt[] = [];
    for (const call of p.calls) {
      const receipt = await devnet.sendTransaction({ to: call.to, data: call.data, value: call.value, gas: call.gasUpperBound }, account);
      gasUsed[p.action]?.push(receipt.gasUsed);
      receipts.push(receipt);
    }
    return receipts;
  };

  const poolHealthFactor = async (user: Address) => (await defi.yei.getUserAccountData(user)).healthFactor;

  beforeAll(async () => {
    devnet = await startDevnet();
    defi = await deploySeiDefiDevnet(devnet);
    [outsider] = await deployTestTokens(devnet, [{ symbol: 'OUT', name: 'Not a reserve', decimals: 18 }]).then((t) => t as [TestToken]);
    proxy = await startRpcCountingProxy(devnet.url);
    const client = createPublicClient({ chain: devnet.chain, transport: http(proxy.url) });
    const registry = [...defi.tokens, outsider];
    deps = {
      market: makeAaveV3LendingMarket({ client, multicallAddress: MULTICALL3_ADDRESS, addresses: defi.registry.protocols.yei }),
      tokenOf: (asset) => registry.find((t) => getAddress(t.address) === getAddress(asset)),
    };
    // Liquidity to borrow from.
    const lender = devnet.accounts[1] as DevnetAccount;
    await defi.yei.supply(lender, usdc(), 10_000_000n * E6);
    await defi.yei.supply(lender, weth(), 1_000n * E18);
    await defi.yei.supply(lender, wsei(), 1_000_000n * E18);
  });

  afterAll(async () => {
    // eslint-disable-next-line no-console
    console.log('gas used per lending call on the devnet', Object.fromEntries(Object.entries(gasUsed).map(([k, v]) => [k, v.map(String)])));
    await proxy?.stop();
    await devnet?.stop();
  });

  it('supply → borrow → repay "max" → withdraw "max": each lands as planned, and the pool’s health factor equals healthFactorAfter', async () => {
    const wallet = await funded();
    await defi.mint([{ token: weth(), to: wallet.address, amount: 10n * E18 }]);

    // Supply 10 WETH ($30,000 at LT 82.5%).
    const supply = await planned(planSupply(deps)({ asset: weth(), amount: 10n * E18 }), wallet.address);
    expect(supply.allowances).toEqual([{ token: weth(), spender: defi.yei.pool, amount: 10n * E18 }]);
    expect(supply.balanceChanges).toEqual([{ token: weth(), delta: -10n * E18 }]);
    expect(supply.healthFactorAfter).toBeNull();
    await send(supply, wallet);
    expect(await balanceOf(weth(), wallet.address)).toBe(0n);
    expect((await defi.yei.getUserReserveData(weth(), wallet.address)).currentATokenBalance).toBe(10n * E18);
    expect((await defi.yei.getUserReserveData(weth(), wallet.address)).usageAsCollateralEnabled).toBe(true);

    // Borrow 12,000 USDC: HF = 30,000 × 0.825 / 12,000 = 2.0625.
    const borrow = await planned(planBorrow(deps)({ asset: usdc(), amount: 12_000n * E6 }), wallet.address);
    expect(borrow.allowances).toEqual([]);
    expect(borrow.balanceChanges).toEqual([{ token: usdc(), delta: 12_000n * E6 }]);
    expect(borrow.healthFactorAfter).toBe(2_062_500_000_000_000_000n);
    await send(borrow, wallet);
    expect(await balanceOf(usdc(), wallet.address)).toBe(12_000n * E6);
    const hfAfterBorrow = await poolHealthFactor(wallet.address);
    expect(isWithinMillionth(borrow.healthFactorAfter ?? 0n, hfAfterBorrow)).toBe(true);

    // A day passes; repay everything with "max" (interest accrued: the wallet needs a little more USDC).
    await devnet.increaseTime(86_400);
    await defi.mint([{ token: usdc(), to: wallet.address, amount: 100n * E6 }]);
    const repay = await planned(planRepay(deps)({ asset: usdc(), amount: 'max' }), wallet.address);
    const debtAtPlan = (await defi.yei.getUserReserveData(usdc(), wallet.address)).currentVariableDebt;
    expect(debtAtPlan).toBeGreaterThan(12_000n * E6);
    const rateAtPlan = (await defi.yei.getReserveData(usdc())).variableBorrowRate;
    expect(repay.allowances).toEqual([{ token: usdc(), spender: defi.yei.pool, amount: debtAtPlan, accrualRateRay: rateAtPlan }]);
    expect(repay.approvalCoversAccrualUntilExpiry).toBe(true);
    expect(repay.balanceChanges).toEqual([{ token: usdc(), delta: -debtAtPlan }]);
    expect(repay.healthFactorAfter).toBeNull();
    await devnet.mine(5);
    const before = await balanceOf(usdc(), wallet.address);
    // The engine sizes the accrual margin; by hand, 1 USDC covers a few blocks.
    await send(repay, wallet, E6);
    expect((await defi.yei.getUserReserveData(usdc(), wallet.address)).currentVariableDebt).toBe(0n);
    const paid = before - (await balanceOf(usdc(), wallet.address));
    expect(paid).toBeGreaterThanOrEqual(debtAtPlan);
    expect(paid - debtAtPlan).toBeLessThan(E6 / 100n);

    // Withdraw everything.
    const withdraw = await planned(planWithdraw(deps)({ asset: weth(), amount: 'max' }), wallet.address);
    const suppliedAtPlan = (await defi.yei.getUserReserveData(weth(), wallet.address)).currentATokenBalance;
    expect(withdraw.balanceChanges).toEqual([{ token: weth(), delta: suppliedAtPlan }]);
    expect(withdraw.healthFactorAfter).toBeNull();
    await send(withdraw, wallet);
    expect((await defi.yei.getUserReserveData(weth(), wallet.address)).currentATokenBalance).toBe(0n);
    expect(await balanceOf(weth(), wallet.address)).toBeGreaterThanOrEqual(suppliedAtPlan);
  });

  it('a partial withdrawal under debt: healthFactorAfter equals the pool’s after landing', async () => {
    const wallet = await funded();
    await defi.yei.supply(wallet, wsei(), 20_000n * E18);
    await defi.yei.borrow(wallet, usdc(), 4_000n * E6);
    // $10,000 × 80% / 4,000 = 2; withdrawing 5,000 WSEI leaves $7,500 × 80% / 4,000 = 1.5.
    const withdraw = await planned(planWithdraw(deps)({ asset: wsei(), amount: 5_000n * E18 }), wallet.address);
    expect(withdraw.calls.map((c) => c.to)).toEqual([defi.yei.pool]);
    expect(isWithinMillionth(withdraw.healthFactorAfter ?? 0n, 1_500_000_000_000_000_000n)).toBe(true);
    await send(withdraw, wallet);
    expect(isWithinMillionth(withdraw.healthFactorAfter ?? 0n, await poolHealthFactor(wallet.address))).toBe(true);
    expect(await balanceOf(wsei(), wallet.address)).toBe(5_000n * E18);
  });

  it('refuses: a token outside the registry or not a reserve is UNKNOWN_ASSET; repaying no debt, or supplying "max" of nothing, is NOTHING_TO_DO', async () => {
    const wallet = await funded();
    const refusal = async (planner: LendingPlanner) => {
      const result = await plan(planner, wallet.address);
      return E.isLeft(result) ? result.left : result.right;
    };
    expect(await refusal(planSupply(deps)({ asset: outsider.address, amount: 1n }))).toMatchObject({ _tag: 'UnprocessableTx', code: 'UNKNOWN_ASSET' });
    expect(await refusal(planBorrow(deps)({ asset: '0x000000000000000000000000000000000000dEaD', amount: 1n }))).toMatchObject({ _tag: 'UnprocessableTx', code: 'UNKNOWN_ASSET' });
    expect(await refusal(planRepay(deps)({ asset: usdc(), amount: 'max' }))).toMatchObject({ _tag: 'UnprocessableTx', code: 'NOTHING_TO_DO' });
    expect(await refusal(planRepay(deps)({ asset: usdc(), amount: 5n }))).toMatchObject({ _tag: 'UnprocessableTx', code: 'NOTHING_TO_DO' });
    expect(await refusal(planSupply(deps)({ asset: usdc(), amount: 'max' }))).toMatchObject({ _tag: 'UnprocessableTx', code: 'NOTHING_TO_DO' });
    expect(await refusal(planWithdraw(deps)({ asset: usdc(), amount: 'max' }))).toMatchObject({ _tag: 'UnprocessableTx', code: 'NOTHING_TO_DO' });
  });

  it('reads the market in one chain HTTP request once the reserve list is known', async () => {
    const wallet = await funded();
    await defi.yei.supply(wallet, usdc(), 100n * E6);
    await plan(planBorrow(deps)({ asset: usdc(), amount: E6 }), wallet.address);
    proxy.reset();
    await plan(planBorrow(deps)({ asset: usdc(), amount: E6 }), wallet.address);
    expect(proxy.stats().httpRequests).toBe(1);
    expect(proxy.stats().methods).toEqual({ eth_call: 1 });
  });

  const firstOwed = async (user: Address) => {
    const debts = await Promise.all(defi.yei.reserves.map(async (r) => ({ r, debt: (await defi.yei.getUserReserveData(r.address, user)).currentVariableDebt })));
    return debts.find((d) => d.debt > 0n)?.r ?? defi.yei.reserve('USDC');
  };

  it('property: random supply/borrow/repay sequences land with the pool’s health factor equal to healthFactorAfter (rel 1e-6)', async () => {
    const symbol = fc.constantFrom('WSEI', 'WETH', 'USDC');
    const step = fc.oneof(
      fc.record({ kind: fc.constant('supply' as const), symbol, dollars: fc.integer({ min: 100, max: 20_000 }) }),
      // A share of what the collateral can still borrow, so every borrow is one the pool accepts.
      fc.record({ kind: fc.constant('borrow' as const), symbol, bps: fc.integer({ min: 100, max: 5_000 }) }),
      // A share of the debt in the first asset owed (USDC when none is); "max" (10 000) repays it all.
      fc.record({ kind: fc.constant('repay' as const), bps: fc.integer({ min: 100, max: 10_000 }) }),
    );
    await fc.assert(
      fc.asyncProperty(symbol, fc.integer({ min: 1_000, max: 50_000 }), fc.array(step, { minLength: 2, maxLength: 5 }), async (firstSymbol, firstDollars, rest) => {
        const wallet = await funded();
        for (const s of [{ kind: 'supply' as const, symbol: firstSymbol, dollars: firstDollars }, ...rest]) {
          const reserve = s.kind === 'repay' ? await firstOwed(wallet.address) : defi.yei.reserve(s.symbol);
          const unit = 10n ** BigInt(reserve.decimals);
          const debt = (await defi.yei.getUserReserveData(reserve.address, wallet.address)).currentVariableDebt;
          const available = (await defi.yei.getUserAccountData(wallet.address)).availableBorrowsBase;
          const amount =
            s.kind === 'supply'
              ? (BigInt(s.dollars) * unit * 100_000_000n) / reserve.spec.price
              : s.kind === 'borrow'
                ? (available * BigInt(s.bps) * unit) / 10_000n / reserve.spec.price
                : (debt * BigInt(s.bps)) / 10_000n;
          const planner =
            s.kind === 'supply'
              ? planSupply(deps)({ asset: reserve.address, amount })
              : s.kind === 'borrow'
                ? planBorrow(deps)({ asset: reserve.address, amount })
                : planRepay(deps)({ asset: reserve.address, amount: s.bps === 10_000 ? 'max' : amount });
          const result = await plan(planner, wallet.address);
          // Repaying an asset without debt is refused before anything is sent.
          const isNothingToRepay = s.kind === 'repay' && debt === 0n;
          expect(E.isLeft(result)).toBe(isNothingToRepay);
          if (E.isLeft(result)) continue;
          await defi.mint(s.kind === 'borrow' ? [] : [{ token: reserve.address, to: wallet.address, amount: amount + unit }]);
          await send(result.right, wallet, unit / 1_000n);
          const landed = await poolHealthFactor(wallet.address);
          expect(isWithinMillionth(result.right.healthFactorAfter ?? maxUint256, landed)).toBe(true);
        }
      }),
      { numRuns: 8 },
    );
  });

  it('each call stays under its documented gas upper bound', () => {
    for (const [action, used] of Object.entries(gasUsed)) {
      expect(used.length).toBeGreaterThan(0);
      const bound = LENDING_GAS_UPPER_BOUNDS[action as keyof typeof LENDING_GAS_UPPER_BOUNDS];
      for (const g of used) expect(g).toBeLessThan(bound);
    }
  });
});
