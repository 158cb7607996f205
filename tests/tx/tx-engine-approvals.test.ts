import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import * as TE from 'fp-ts/TaskEither';
import { decodeFunctionData, encodeFunctionData, erc20Abi, getAddress, parseEther, type Address } from 'viem';
import { makeSeiClient } from '../../src/adapters/chain/make-sei-client';
import { makeAaveLendingHealth } from '../../src/adapters/chain/tx/aave-lending-health';
import { makeMemoryAllowanceSlotBook } from '../../src/adapters/chain/tx/memory-allowance-slot-book';
import { makeTokenDescriptions } from '../../src/adapters/chain/tx/token-descriptions';
import { makeViemTxChain } from '../../src/adapters/chain/tx/viem-tx-chain';
import { aaveV3PoolAbi } from '../../src/adapters/protocols/aave-v3';
import type { Registry } from '../../src/config/registry';
import type { ActionPlan, AllowanceNeed } from '../../src/domain/tx/action-plan';
import type { PreparedTransactions } from '../../src/domain/tx/prepared-transactions';
import { makeMetrics } from '../../src/infra/metrics';
import { prepareAction, type Planner, type TxEngineDeps } from '../../src/services/tx/prepare-action';
import type { AllowanceSlotBook } from '../../src/services/tx/ports';
import { startChainHarness, type ChainHarness } from '../support/app/chain-harness';
import { testConfig } from '../support/app/start-test-server';
import { loadArtifact } from '../support/contracts/compile-contracts';
import { freshAccount, type DevnetAccount } from '../support/devnet';
import { deploySeiDefiDevnet, type SeiDefiDevnet } from '../support/sei-defi/deploy-sei-defi-devnet';

jest.setTimeout(180_000);

const SUPPLY_GAS_UPPER_BOUND = 400_000n;
const hashedTokenAbi = [...erc20Abi, ...loadArtifact('HashedAllowanceToken').abi];

/** A test-only planner: Aave Pool.supply of `amount`, needing an allowance of `allowance` (a real planner says `amount`). */
const supplyPlanner =
  (pool: Address, asset: Address, amount: bigint, allowance = amount): Planner =>
  (ctx) =>
    TE.right<never, ActionPlan>({
      action: 'supply',
      allowances: [{ token: asset, spender: pool, amount: allowance }],
      calls: [
        {
          to: pool,
          data: encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'supply', args: [asset, amount, ctx.wallet, 0] }),
          value: 0n,
          description: 'Supply (test planner)',
          gasUpperBound: SUPPLY_GAS_UPPER_BOUND,
        },
      ],
      balanceChanges: [{ token: asset, delta: -amount }],
    });

describe('the transaction engine with an ERC-20 approval (a test-only Aave supply planner on the devnet)', () => {
  let h: ChainHarness;
  let defi: SeiDefiDevnet;
  let engine: TxEngineDeps;
  let slots: AllowanceSlotBook;
  let wallet: DevnetAccount;
  let usdc: Address;
  let wsei: Address;
  let pool: Address;

  const run = async (planner: Planner, who: Address = wallet.address): Promise<PreparedTransactions> => {
    const result = await prepareAction(engine)(who, planner)();
    if (E.isLeft(result)) throw new Error(`prepare failed: ${JSON.stringify(result.left)}`);
    return result.right;
  };
  const send = async (prepared: PreparedTransactions, from: DevnetAccount): Promise<void> => {
    for (const tx of prepared.transactions) {
      const receipt = await h.devnet.sendTransaction({ to: tx.to, data: tx.data, value: tx.value, gas: tx.gas }, from);
      expect(receipt.status).toBe('success');
    }
  };
  const balanceOf = (token: Address, owner: Address) => h.devnet.publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [owner] });
  const allowanceOf = (token: Address, owner: Address, spender: Address) =>
    h.devnet.publicClient.readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [owner, spender] });

  beforeAll(async () => {
    h = await startChainHarness();
    defi = await deploySeiDefiDevnet(h.devnet);
    [usdc, wsei, pool] = [defi.token('USDC').address, defi.wrappedNative.address, defi.yei.pool];
    const client = makeSeiClient(testConfig({ SEI_RPC_URL: h.proxy.url }).chain, makeMetrics());
    const registry: Registry = { chainId: h.devnet.chainId, nativeCoingeckoId: 'sei-network', coingeckoPlatform: 'sei-v2', tokens: defi.registry.tokens, protocols: {} };
    slots = makeMemoryAllowanceSlotBook();
    engine = {
      chain: makeViemTxChain(client),
      health: makeAaveLendingHealth(client, pool),
      slots,
      tokens: makeTokenDescriptions(client, registry),
      chainId: h.devnet.chainId,
      ttlSeconds: 60,
      now: () => new Date(),
      guard: (work) => work,
    };
    wallet = freshAccount(h.devnet);
    await h.devnet.setBalance(wallet.address, parseEther('100'));
    await defi.mint([
      { token: usdc, to: wallet.address, amount: 1_000n * 10n ** 6n },
      { token: wsei, to: wallet.address, amount: parseEther('50') },
    ]);
  });

  afterAll(async () => {
    await h?.stop();
  });

  it('prepends one approve of exactly the amount when the allowance is short; the supply simulates ok through the override; sent, it lands', async () => {
    const amount = 250n * 10n ** 6n;
    expect(await allowanceOf(usdc, wallet.address, pool)).toBe(0n);
    h.proxy.reset();
    const prepared = await run(supplyPlanner(pool, usdc, amount));
    expect(prepared.transactions.map((tx) => [tx.kind, tx.to])).toEqual([
      ['approve', usdc],
      ['action', pool],
    ]);
    const [approve, supply] = prepared.transactions;
    expect(decodeFunctionData({ abi: erc20Abi, data: approve?.data ?? '0x' })).toEqual({ functionName: 'approve', args: [pool, amount] });
    expect(approve?.description).toBe(`Approve 250 USDC for ${pool}`);
    // The supply depends on the approval: its gas is the planner's bound, not an estimate (which would revert).
    expect(supply?.gas).toBe(SUPPLY_GAS_UPPER_BOUND);
    expect(prepared.simulation).toEqual({ ok: true, healthFactorBefore: null, healthFactorAfter: null, balanceChanges: [{ token: usdc, symbol: 'USDC', decimals: 6, delta: -amount }] });
    // TestToken keeps allowances in a nested mapping at slot 5; found by probing all 22 layouts in one batch.
    expect(await slots.get(usdc)()).toEqual(O.some({ mappingIndex: 5, ordering: 'solidity' }));
    expect(h.proxy.stats().ethCallTargets[usdc.toLowerCase()]).toBe(22 + 3);
    // Block number; allowance; the 22 probes; simulation + gas + health factor + balance.
    expect(h.proxy.stats().httpRequests).toBe(4);

    const before = await balanceOf(usdc, wallet.address);
    await send(prepared, wallet);
    expect(before - (await balanceOf(usdc, wallet.address))).toBe(amount);
    expect(await allowanceOf(usdc, wallet.address, pool)).toBe(0n);
  });

  it('the override is exactly the approved amount: a plan that approves one unit less than it supplies fails its simulation', async () => {
    const amount = 10n * 10n ** 6n;
    const prepared = await run(supplyPlanner(pool, usdc, amount, amount - 1n));
    expect(prepared.transactions.map((tx) => tx.kind)).toEqual(['approve', 'action']);
    expect(prepared.simulation.ok).toBe(false);
    expect(prepared.simulation.error?.code).toBe('REVERTED');
  });

  it('no approval when the allowance already covers the amount; the supply gas is then an estimate with headroom, enough to land', async () => {
    const amount = 100n * 10n ** 6n;
    await h.devnet.sendTransaction({ to: usdc, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [pool, amount] }) }, wallet);
    h.proxy.reset();
    const prepared = await run(supplyPlanner(pool, usdc, amount));
    expect(prepared.transactions.map((tx) => tx.kind)).toEqual(['action']);
    expect(prepared.simulation.ok).toBe(true);
    const gas = prepared.transactions[0]?.gas ?? 0n;
    expect(gas === SUPPLY_GAS_UPPER_BOUND).toBe(false);
    // The cached layout is not probed again: only the allowance and the balance are read from the token.
    expect(h.proxy.stats().ethCallTargets[usdc.toLowerCase()]).toBe(2);
    expect(h.proxy.stats().httpRequests).toBe(3);
    const estimate = await h.devnet.publicClient.estimateGas({ account: wallet.address, to: pool, data: prepared.transactions[0]?.data ?? '0x', blockNumber: prepared.blockNumber });
    expect(gas).toBe((estimate * 12n) / 10n);
    const receipt = await h.devnet.sendTransaction({ to: pool, data: prepared.transactions[0]?.data ?? '0x', gas }, wallet);
    expect(receipt.status).toBe('success');
  });

  it('finds WETH9 (WSEI) allowances at mapping index 4 and reports the health factor of a wallet with debt before and (unchanged by this plan) after', async () => {
    const amount = parseEther('20');
    await defi.yei.supply(wallet, usdc, 500n * 10n ** 6n);
    await defi.mint([{ token: defi.token('USDT0').address, to: defi.yei.core.admin.address, amount: 10_000n * 10n ** 6n }]);
    await defi.yei.supply(defi.yei.core.admin, defi.token('USDT0').address, 10_000n * 10n ** 6n);
    await defi.yei.borrow(wallet, defi.token('USDT0').address, 100n * 10n ** 6n);
    const prepared = await run(supplyPlanner(pool, wsei, amount));
    expect(prepared.transactions.map((tx) => tx.kind)).toEqual(['approve', 'action']);
    expect(prepared.simulation.ok).toBe(true);
    expect(await slots.get(wsei)()).toEqual(O.some({ mappingIndex: 4, ordering: 'solidity' }));
    const [, , , , , healthFactor] = await h.devnet.publicClient.readContract({ address: pool, abi: aaveV3PoolAbi, functionName: 'getUserAccountData', args: [wallet.address], blockNumber: prepared.blockNumber });
    expect(prepared.simulation.healthFactorBefore).toBe(healthFactor);
    expect(prepared.simulation.healthFactorAfter).toBe(healthFactor);
    await send(prepared, wallet);
  });

  it('a token that is no contract fails the prepare as a bad answer (502), not as an RPC outage that would open the RPC circuit', async () => {
    const notAToken = freshAccount(h.devnet).address;
    const result = await prepareAction(engine)(wallet.address, supplyPlanner(pool, notAToken, 1n))();
    expect(E.isLeft(result) ? result.left._tag : 'prepared').toBe('UpstreamBadResponse');
  });

  it('answers ok: null when the RPC refuses state overrides, and does not remember the refusal as the token\'s layout', async () => {
    const usdt0 = defi.token('USDT0').address;
    await defi.mint([{ token: usdt0, to: wallet.address, amount: 10n ** 6n }]);
    h.proxy.setStateOverrideCalls('refuse');
    try {
      const prepared = await run(supplyPlanner(pool, usdt0, 10n ** 6n));
      expect(prepared.transactions.map((tx) => tx.kind)).toEqual(['approve', 'action']);
      expect(prepared.simulation.ok).toBeNull();
      expect(prepared.simulation.error).toEqual({
        code: 'NOT_SIMULATED',
        message: 'the RPC does not take state overrides, so the approval cannot be simulated: too many arguments, want at most 2',
      });
      expect(await slots.get(usdt0)()).toEqual(O.none);
    } finally {
      h.proxy.setStateOverrideCalls('forward');
    }
    expect((await run(supplyPlanner(pool, usdt0, 10n ** 6n))).simulation.ok).toBe(true);
  });

  it('answers ok: null with the reason, never a guessed ok: true, when the allowance slot has no known layout; the transactions are still prepared', async () => {
    const { abi, bytecode } = loadArtifact('HashedAllowanceToken');
    const hashed = getAddress(await h.devnet.deployContract(abi, bytecode));
    await h.devnet.sendTransaction({ to: hashed, data: encodeFunctionData({ abi: hashedTokenAbi, functionName: 'mint', args: [wallet.address, parseEther('5')] }) });
    const recipient = freshAccount(h.devnet).address;
    const need: AllowanceNeed = { token: hashed, spender: wallet.address, amount: parseEther('1') };
    const planner: Planner = () =>
      TE.right({
        action: 'supply',
        allowances: [need],
        calls: [
          {
            to: hashed,
            data: encodeFunctionData({ abi: erc20Abi, functionName: 'transferFrom', args: [wallet.address, recipient, need.amount] }),
            value: 0n,
            description: 'transferFrom (test planner)',
            gasUpperBound: 100_000n,
          },
        ],
        balanceChanges: [{ token: hashed, delta: -need.amount }],
      });
    const prepared = await run(planner);
    expect(prepared.transactions.map((tx) => tx.kind)).toEqual(['approve', 'action']);
    expect(prepared.simulation.ok).toBeNull();
    expect(prepared.simulation.error).toEqual({ code: 'NOT_SIMULATED', message: `the allowance storage of ${hashed} has no known layout, so the approval cannot be simulated` });
    expect(prepared.simulation.balanceChanges).toEqual([{ token: hashed, symbol: 'HASHED', decimals: 18, delta: -need.amount }]);
    expect(await slots.get(hashed)()).toEqual(O.some('none'));
    // Sent as prepared, the list does what it says.
    await send(prepared, wallet);
    expect(await balanceOf(hashed, recipient)).toBe(need.amount);
  });
});
