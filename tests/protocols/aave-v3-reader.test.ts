import * as E from 'fp-ts/Either';
import { formatUnits, getAddress, type Address } from 'viem';
import { executeReadPlans, type ReadOutcome } from '../../src/adapters/chain/execute-read-plans';
import { makeSeiClient, type SeiClient } from '../../src/adapters/chain/make-sei-client';
import type { ReadPlan } from '../../src/adapters/chain/read-plan';
import { makeAaveV3Reader } from '../../src/adapters/protocols/aave-v3';
import { liquidationPriceOfLargestCollateral } from '../../src/domain/lending';
import { tokenBalancesPlan } from '../../src/adapters/protocols/erc20/token-balances-plan';
import type { PositionsRead, ProtocolReader, UnpricedLendingPosition } from '../../src/adapters/protocols/protocol-reader';
import type { RegistryToken } from '../../src/config/sei-networks';
import type { LendingPosition } from '../../src/domain/portfolio/portfolio';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import { makeMetrics } from '../../src/infra/metrics';
import { MULTICALL3_ADDRESS, startDevnet, type Devnet, type DevnetAccount } from '../support/devnet';
import { aaveHealthFactor, apyPercentOf, compoundedGrowth, fromWad, linearGrowth, SECONDS_PER_YEAR, variableBorrowRateAt } from '../support/protocols/aave-v3-hand-worked';
import { STABLECOIN_RATE_STRATEGY, VOLATILE_RATE_STRATEGY } from '../support/protocols/aave-v3-rate-strategies';
import { BASE_UNIT, deployAaveTestMarket, type AaveTestMarket, type AaveTestReserveSpec } from '../support/protocols/aave-v3-test-market';
import { deployWrappedNative, WSEI_SPEC } from '../support/protocols/wrapped-native';
import { startRpcCountingProxy, type RpcCountingProxy } from '../support/rpc-counting-proxy';
import { tokenAddress } from '../support/brands';

jest.setTimeout(60_000);

const logger = makeSilentLogger();

const WSEI: AaveTestReserveSpec = {
  ...WSEI_SPEC,
  price: 50_000_000n, // $0.50
  ltvBps: 7_500,
  liquidationThresholdBps: 8_000,
  rateStrategy: VOLATILE_RATE_STRATEGY,
};
const USDC: AaveTestReserveSpec = {
  symbol: 'USDC',
  name: 'USD Coin',
  decimals: 6,
  price: 100_000_000n, // $1
  ltvBps: 8_000,
  liquidationThresholdBps: 8_500,
  reserveFactorBps: 1_000,
  rateStrategy: STABLECOIN_RATE_STRATEGY,
  isStableBorrowEnabled: true,
};
const WETH: AaveTestReserveSpec = {
  symbol: 'WETH',
  name: 'Wrapped Ether',
  decimals: 18,
  price: 300_000_000_000n, // $3000
  ltvBps: 8_000,
  liquidationThresholdBps: 8_250,
  rateStrategy: VOLATILE_RATE_STRATEGY,
};

const e18 = 10n ** 18n;
const e6 = 10n ** 6n;
/** base units → whole units as a number. */
const whole = (raw: bigint, decimals: number): number => Number(raw) / 10 ** decimals;

/** The registry knows USDC and WETH (with CoinGecko ids), not WSEI: its symbol comes from the data provider. */
const registryOf = (market: AaveTestMarket) => {
  const known: Readonly<Record<string, Omit<RegistryToken, 'address'>>> = {
    USDC: { symbol: 'USDC', name: 'USD Coin', decimals: 6, coingeckoId: 'usd-coin', isStable: true },
    WETH: { symbol: 'WETH', name: 'Wrapped Ether', decimals: 18, coingeckoId: 'weth', isStable: false },
  };
  const entries = market.reserves.flatMap((r): ReadonlyArray<RegistryToken> => {
    const entry = known[r.symbol];
    return entry === undefined ? [] : [{ ...entry, address: tokenAddress(r.address) }];
  });
  return (address: Address): RegistryToken | undefined => entries.find((tk) => tk.address.toLowerCase() === address.toLowerCase());
};

const makeYeiReader = (market: AaveTestMarket, options: { readonly now?: () => number } = {}): ProtocolReader =>
  makeAaveV3Reader({
    addresses: { pool: market.pool, protocolDataProvider: market.dataProvider },
    knownToken: registryOf(market),
    platform: 'Yei Finance',
    ...options,
  });

const runPlans = async <A>(client: SeiClient, plans: ReadonlyArray<ReadPlan<A>>): Promise<ReadOutcome<A>> => {
  const outcome = await executeReadPlans({ client, multicallAddress: MULTICALL3_ADDRESS, logger }, plans)();
  if (E.isLeft(outcome)) throw new Error(`read failed: ${outcome.left._tag}`);
  return outcome.right;
};

/** Reads one wallet through the engine; returns the adapter's answer, the number of rounds and the block read. */
const readYei = async (
  client: SeiClient,
  reader: ProtocolReader,
  wallet: Address,
): Promise<{ readonly read: PositionsRead; readonly rounds: number; readonly blockNumber: bigint }> => {
  const outcome = await runPlans(client, [reader.plan(wallet)]);
  const first = outcome.outcomes[0];
  if (first === undefined) throw new Error('no outcome');
  if (E.isLeft(first.result)) throw first.result.left;
  return { read: first.result.right, rounds: outcome.rounds, blockNumber: outcome.blockNumber };
};

const byId = (read: PositionsRead, id: string): UnpricedLendingPosition => {
  const found = read.lending.find((p) => p.id === id);
  if (found === undefined) throw new Error(`no position ${id} among ${read.lending.map((p) => p.id).join(', ')}`);
  return found;
};

/** Values positions at the oracle's prices, as the portfolio valuation would with those USD prices. */
const valueAt = (positions: ReadonlyArray<UnpricedLendingPosition>, priceOf: (asset: string) => bigint): ReadonlyArray<LendingPosition> =>
  positions.map(({ tokenRef: _ref, rawAmount: _raw, isStable: _stable, ...p }) => ({
    ...p,
    valueUSD: Number(p.amountFormatted) * (Number(priceOf(p.token)) / Number(BASE_UNIT)),
  }));

/** The borrower's USDC debt took a year: 6 000 USDC borrowed out of 100 000 supplied. */
const BORROW_USAGE = 6_000 / 100_000;

describe('Yei Finance (Aave v3) reader against the real Aave v3 pool on the devnet', () => {
  let devnet: Devnet;
  let market: AaveTestMarket;
  let client: SeiClient;
  let lender: DevnetAccount;
  let borrower: DevnetAccount;
  let bystander: DevnetAccount;
  let usdc: Address;
  let wsei: Address;
  let weth: Address;

  /** The borrower's USDC debt (variable + stable) as the data provider reports it at a block. */
  const debtAt = async (blockNumber: bigint): Promise<bigint> => {
    const user = await market.getUserReserveData(usdc, borrower.address, blockNumber);
    return user.currentVariableDebt + user.currentStableDebt;
  };
  /** Seconds between the USDC reserve's last update and a block. */
  const secondsSinceUpdate = async (blockNumber: bigint): Promise<number> => {
    const [reserve, block] = await Promise.all([market.getReserveData(usdc, blockNumber), client.getBlock({ blockNumber })]);
    return Number(block.timestamp) - reserve.lastUpdateTimestamp;
  };

  beforeAll(async () => {
    devnet = await startDevnet();
    client = devnet.publicClient;
    const wrapped = await deployWrappedNative(devnet);
    market = await deployAaveTestMarket(devnet, [{ ...WSEI, address: wrapped.address }, USDC, WETH], { wrappedNative: wrapped.address });
    const [, a1, a2, a3] = devnet.accounts;
    if (a1 === undefined || a2 === undefined || a3 === undefined) throw new Error('devnet needs 4 accounts');
    [lender, borrower, bystander] = [a1, a2, a3];
    [wsei, usdc, weth] = [market.reserve('WSEI').address, market.reserve('USDC').address, market.reserve('WETH').address];
    await market.supply(lender, usdc, 100_000n * e6);
    await market.supply(borrower, wsei, 10_000n * e18);
    await market.supply(borrower, weth, 2n * e18);
    await market.borrow(borrower, usdc, 6_000n * e6);
    await devnet.increaseTime(SECONDS_PER_YEAR);
  });

  afterAll(async () => {
    await devnet?.stop();
  });

  it('reads a supplier-borrower: amounts and APYs as the data provider reports them, and the pool’s own health factor', async () => {
    const { read, rounds, blockNumber } = await readYei(client, makeYeiReader(market), borrower.address);

    expect(rounds).toBe(2);
    expect(read.warnings).toEqual([]);
    expect(read.liquidity).toEqual([]);
    expect(read.lending.map((p) => p.id).sort()).toEqual([`yei:borrow:${usdc}`, `yei:supply:${weth}`, `yei:supply:${wsei}`].sort());

    // Nobody borrows WSEI or WETH: their supply rate is 0 and the deposits are exactly what was supplied.
    const [wseiReserve, wethReserve, usdcReserve] = await Promise.all([wsei, weth, usdc].map((asset) => market.getReserveData(asset, blockNumber)));
    expect([wseiReserve?.liquidityRate, wethReserve?.liquidityRate]).toEqual([0n, 0n]);
    expect(byId(read, `yei:supply:${wsei}`)).toEqual({
      id: `yei:supply:${wsei}`,
      platform: 'Yei Finance',
      type: 'supply',
      token: wsei,
      tokenSymbol: 'WSEI',
      amount: (10_000n * e18).toString(),
      amountFormatted: '10000',
      rawAmount: 10_000n * e18,
      apy: 0,
      usageAsCollateral: true,
      liquidationThreshold: 0.8,
      tokenRef: { key: wsei, address: wsei, symbol: 'WSEI', decimals: 18, coingeckoId: null },
      isStable: false,
    });
    const wethSupply = byId(read, `yei:supply:${weth}`);
    expect([wethSupply.amount, wethSupply.amountFormatted, wethSupply.apy, wethSupply.liquidationThreshold, wethSupply.tokenRef.coingeckoId]).toEqual([
      (2n * e18).toString(),
      '2',
      0,
      0.825,
      'weth',
    ]);

    // The debt is the data provider's at the read's block: a year of interest at the strategy's rate for 6% usage.
    const debtAmount = await debtAt(blockNumber);
    const rate = variableBorrowRateAt(STABLECOIN_RATE_STRATEGY, BORROW_USAGE); // 0.04 × 0.06 / 0.9 = 0.2667%
    expect(Number(usdcReserve?.variableBorrowRate) / 1e27).toBeCloseTo(rate, 15);
    // (Aave's integer ray maths loses the binomial's third term at such small per-second rates: 2e-5 USDC less.)
    expect(whole(debtAmount, 6)).toBeCloseTo(6_000 * compoundedGrowth(rate, await secondsSinceUpdate(blockNumber)), 4);
    const debt = byId(read, `yei:borrow:${usdc}`);
    expect(debt).toMatchObject({
      type: 'borrow',
      token: usdc,
      tokenSymbol: 'USDC',
      amount: debtAmount.toString(),
      amountFormatted: formatUnits(debtAmount, 6),
      rawAmount: debtAmount,
      usageAsCollateral: false,
      liquidationThreshold: 0,
      isStable: true,
      tokenRef: { key: usdc, address: usdc, symbol: 'USDC', decimals: 6, coingeckoId: 'usd-coin' },
    });
    expect(debt.apy).toBeCloseTo(apyPercentOf(usdcReserve?.variableBorrowRate ?? 0n), 9);
    expect(debt.apy).toBeCloseTo(0.2670225, 6); // e^0.0026667 − 1, in percent

    const account = await market.getUserAccountData(borrower.address, blockNumber);
    expect(read.healthFactor).toBeCloseTo(fromWad(account.healthFactor), 15);
    // As Aave computes it: collateral $11000, Σ value × LT = $8950, the average threshold truncated to whole bps
    // (8950 / 11000 → 8136), so HF = 11000 × 0.8136 / debt (not 8950 / debt).
    expect(read.healthFactor).toBeCloseTo(aaveHealthFactor([[5_000, 0.8], [6_000, 0.825]], whole(debtAmount, 6)), 9);
    expect(account.totalDebtBase).toBe((debtAmount * BASE_UNIT) / e6);
  });

  it('follows the oracle: a collateral price fall moves the health factor across the risk bands', async () => {
    const snapshot = await devnet.snapshot();
    try {
      const reader = makeYeiReader(market);
      const before = await readYei(client, reader, borrower.address);
      await market.setAssetPrice(weth, 1_600n * BASE_UNIT);
      const after = await readYei(client, reader, borrower.address);
      const debtUSD = whole(await debtAt(after.blockNumber), 6);

      // Collateral 5000 + 3200 = $8200, Σ value × LT = 4000 + 2640 = $6640 → average 8097 bps → 8200 × 0.8097 / debt.
      expect(after.read.healthFactor).toBeCloseTo((8_200 * 0.8097) / debtUSD, 9);
      expect(after.read.healthFactor).toBeCloseTo(fromWad((await market.getUserAccountData(borrower.address, after.blockNumber)).healthFactor), 15);
      // The liquidation bands: low at HF ≥ 1.30, medium from 1.15, high from 1.05, critical below.
      expect(before.read.healthFactor).toBeGreaterThanOrEqual(1.3);
      expect(after.read.healthFactor).toBeGreaterThanOrEqual(1.05);
      expect(after.read.healthFactor).toBeLessThan(1.15);
    } finally {
      await devnet.revert(snapshot);
    }
  });

  it('gives a liquidation price of the largest collateral that the pool itself puts at health factor 1', async () => {
    const snapshot = await devnet.snapshot();
    try {
      const { read, blockNumber } = await readYei(client, makeYeiReader(market), borrower.address);
      const prices = new Map(market.reserves.map((r) => [r.address, r.spec.price]));
      const valued = valueAt(read.lending, (asset) => prices.get(getAddress(asset)) ?? 0n);
      const totalDebtUSD = valued.filter((p) => p.type === 'borrow').reduce((sum, p) => sum + (p.valueUSD ?? 0), 0);
      const liquidation = liquidationPriceOfLargestCollateral(valued, totalDebtUSD);

      expect(liquidation).not.toBeNull();
      expect(liquidation?.asset).toBe(weth);
      expect(liquidation?.symbol).toBe('WETH');
      // (debt − 10000 × 0.5 × 0.8) / (2 × 0.825)
      expect(liquidation?.priceUSD).toBeCloseTo((whole(await debtAt(blockNumber), 6) - 4_000) / 1.65, 9);

      await market.setAssetPrice(weth, BigInt(Math.round((liquidation?.priceUSD ?? 0) * Number(BASE_UNIT))));
      const again = await readYei(client, makeYeiReader(market), borrower.address);
      const hf = fromWad((await market.getUserAccountData(borrower.address, again.blockNumber)).healthFactor);
      expect(Math.abs(hf - 1)).toBeLessThan(0.001);
      expect(again.read.healthFactor).toBeCloseTo(hf, 15);
    } finally {
      await devnet.revert(snapshot);
    }
  });

  it('reports a null health factor (never Infinity) for a wallet without debt, while the pool says uint256 max', async () => {
    const { read, blockNumber } = await readYei(client, makeYeiReader(market), lender.address);
    const deposit = (await market.getUserReserveData(usdc, lender.address, blockNumber)).currentATokenBalance;
    const supplyRate = (await market.getReserveData(usdc, blockNumber)).liquidityRate;

    expect(read.healthFactor).toBeNull();
    expect((await market.getUserAccountData(lender.address, blockNumber)).healthFactor).toBe(2n ** 256n - 1n);
    expect(read.lending.map((p) => [p.id, p.type, p.amount, p.apy])).toEqual([[`yei:supply:${usdc}`, 'supply', deposit.toString(), expect.closeTo(apyPercentOf(supplyRate), 9)]]);
    // The lender earns the borrower's rate × usage × (1 − 10% reserve factor), accrued linearly: 100 000 → about 100 014.4.
    const supplyApr = variableBorrowRateAt(STABLECOIN_RATE_STRATEGY, BORROW_USAGE) * BORROW_USAGE * 0.9;
    expect(Number(supplyRate) / 1e27).toBeCloseTo(supplyApr, 15);
    expect(whole(deposit, 6)).toBeCloseTo(100_000 * linearGrowth(supplyApr, await secondsSinceUpdate(blockNumber)), 6);
  });

  it('reports nothing and a null health factor for a wallet that never used the market', async () => {
    const { read } = await readYei(client, makeYeiReader(market), bystander.address);
    expect(read).toEqual({ lending: [], liquidity: [], healthFactor: null, warnings: [] });
  });

  it('keeps a supply that is not used as collateral out of the collateral', async () => {
    const snapshot = await devnet.snapshot();
    try {
      await market.repay(borrower, usdc, 2_000n * e6);
      await market.setUseAsCollateral(borrower, wsei, false);
      const { read, blockNumber } = await readYei(client, makeYeiReader(market), borrower.address);
      const debtAmount = await debtAt(blockNumber);
      expect(byId(read, `yei:supply:${wsei}`)).toMatchObject({ usageAsCollateral: false, liquidationThreshold: 0.8, amountFormatted: '10000' });
      expect(byId(read, `yei:borrow:${usdc}`).amountFormatted).toBe(formatUnits(debtAmount, 6));
      // Only WETH is collateral now: 2 × 3000 × 0.825 / debt (a little over 4 000 USDC after the repayment).
      expect(read.healthFactor).toBeCloseTo(4_950 / whole(debtAmount, 6), 9);
    } finally {
      await devnet.revert(snapshot);
    }
  });

  it('adds stable debt to the variable debt of the same asset, at the amount-weighted APY', async () => {
    const snapshot = await devnet.snapshot();
    try {
      await market.borrow(borrower, usdc, 1_000n * e6, 1n);
      const { read, blockNumber } = await readYei(client, makeYeiReader(market), borrower.address);
      const [user, reserve] = await Promise.all([market.getUserReserveData(usdc, borrower.address, blockNumber), market.getReserveData(usdc, blockNumber)]);
      const debt = byId(read, `yei:borrow:${usdc}`);
      expect(user.currentStableDebt).toBe(1_000n * e6);
      expect(debt.amount).toBe((user.currentVariableDebt + user.currentStableDebt).toString());
      const [variable, stable] = [whole(user.currentVariableDebt, 6), whole(user.currentStableDebt, 6)];
      const expectedApy = (variable * apyPercentOf(reserve.variableBorrowRate) + stable * apyPercentOf(user.stableBorrowRate)) / (variable + stable);
      expect(user.stableBorrowRate > reserve.variableBorrowRate).toBe(true);
      expect(debt.apy).toBeCloseTo(expectedApy, 9);
      expect(read.lending.filter((p) => p.type === 'borrow')).toHaveLength(1);
      expect(read.healthFactor).toBeCloseTo(fromWad((await market.getUserAccountData(borrower.address, blockNumber)).healthFactor), 15);
    } finally {
      await devnet.revert(snapshot);
    }
  });

  it('when the Pool has no code, the plan throws a clear error and the other sources of the read still succeed', async () => {
    const snapshot = await devnet.snapshot();
    try {
      const warm = makeYeiReader(market);
      await readYei(client, warm, borrower.address);
      await devnet.setCode(market.pool, '0x');
      for (const reader of [makeYeiReader(market), warm]) {
        const tokens = tokenBalancesPlan({ wallet: borrower.address, multicallAddress: MULTICALL3_ADDRESS, nativeCoingeckoId: 'sei-network', tokens: [] });
        const outcome = await runPlans<unknown>(client, [tokens, reader.plan(borrower.address)]);
        const [tokensOutcome, yeiOutcome] = outcome.outcomes;
        expect(tokensOutcome?.source).toBe('tokens');
        expect(tokensOutcome !== undefined && E.isRight(tokensOutcome.result)).toBe(true);
        expect(yeiOutcome?.source).toBe('yei');
        const message = yeiOutcome !== undefined && E.isLeft(yeiOutcome.result) ? yeiOutcome.result.left.message : 'no error';
        expect(message).toBe(`Yei Finance Pool.getUserAccountData at ${market.pool} failed: The contract function "getUserAccountData" returned no data ("0x").`);
      }
    } finally {
      await devnet.revert(snapshot);
    }
  });
});

describe('Yei Finance reader request count', () => {
  let devnet: Devnet;
  let proxy: RpcCountingProxy;
  let client: SeiClient;
  let oneReserve: AaveTestMarket;
  let fiveReserves: AaveTestMarket;
  let wallet: DevnetAccount;

  const spec = (symbol: string, decimals: number): AaveTestReserveSpec => ({ ...WSEI, symbol, name: symbol, decimals, price: BASE_UNIT });

  beforeAll(async () => {
    devnet = await startDevnet();
    proxy = await startRpcCountingProxy(devnet.url);
    client = makeSeiClient(
      {
        network: 'custom',
        chainId: devnet.chainId,
        rpcUrls: [proxy.url],
        multicall3Address: MULTICALL3_ADDRESS,
        rpcTimeoutMs: 10_000,
        rpcRetryCount: 0,
        configFile: undefined,
        maxExtraTokens: 0,
        portfolioLens: false,
      },
      makeMetrics(),
    );
    oneReserve = await deployAaveTestMarket(devnet, [spec('ONE', 18)]);
    fiveReserves = await deployAaveTestMarket(devnet, [spec('A', 18), spec('B', 6), spec('C', 8), spec('D', 18), spec('E', 6)]);
    const account = devnet.accounts[1];
    if (account === undefined) throw new Error('devnet needs 2 accounts');
    wallet = account;
    for (const market of [oneReserve, fiveReserves]) {
      for (const r of market.reserves) await market.supply(wallet, r.address, 1_000n * 10n ** BigInt(r.decimals));
      const first = market.reserves[0];
      if (first === undefined) throw new Error('no reserve');
      await market.borrow(wallet, first.address, 10n * 10n ** BigInt(first.decimals));
    }
  });

  afterAll(async () => {
    await proxy?.stop();
    await devnet?.stop();
  });

  const measure = async (reader: ProtocolReader) => {
    proxy.reset();
    const { read, rounds } = await readYei(client, reader, wallet.address);
    const stats = proxy.stats();
    return { rounds, httpRequests: stats.httpRequests, ethCalls: stats.ethCalls, positions: read.lending.length };
  };

  it('costs the same HTTP requests for 5 reserves as for 1: two cold, one warm', async () => {
    const one = makeYeiReader(oneReserve);
    const five = makeYeiReader(fiveReserves);
    const cold = { one: await measure(one), five: await measure(five) };
    const warm = { one: await measure(one), five: await measure(five) };

    expect(cold).toEqual({
      one: { rounds: 2, httpRequests: 2, ethCalls: 2, positions: 2 },
      five: { rounds: 2, httpRequests: 2, ethCalls: 2, positions: 6 },
    });
    expect(warm).toEqual({
      one: { rounds: 1, httpRequests: 1, ethCalls: 1, positions: 2 },
      five: { rounds: 1, httpRequests: 1, ethCalls: 1, positions: 6 },
    });
  });

  it('reads the reserve list again once its time to live has passed', async () => {
    let clock = 0;
    const reader = makeYeiReader(fiveReserves, { now: () => clock });
    const first = await measure(reader);
    clock += 9 * 60 * 1000;
    const within = await measure(reader);
    clock += 2 * 60 * 1000;
    const after = await measure(reader);
    expect([first.rounds, within.rounds, after.rounds]).toEqual([2, 1, 2]);
  });
});
