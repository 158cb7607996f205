import * as E from 'fp-ts/Either';
import { getAddress, type Address } from 'viem';
import { executeReadPlans, type ReadOutcome } from '../../src/adapters/chain/execute-read-plans';
import { makeSeiClient, type SeiClient } from '../../src/adapters/chain/make-sei-client';
import type { ReadPlan } from '../../src/adapters/chain/read-plan';
import { makeAaveV3Reader } from '../../src/adapters/protocols/aave-v3';
import { liquidationPriceOfLargestCollateral } from '../../src/domain/lending';
import { tokenBalancesPlan } from '../../src/adapters/protocols/erc20/token-balances-plan';
import type { PositionsRead, ProtocolReader, UnpricedLendingPosition } from '../../src/adapters/protocols/protocol-reader';
import type { RegistryToken } from '../../src/config/sei-networks';
import { healthFactorFromWad, rayRateToApyPercent } from '../../src/domain/lending';
import type { LendingPosition } from '../../src/domain/portfolio/portfolio';
import { DEFAULT_RISK_THRESHOLDS, liquidationRiskLevel } from '../../src/domain/risk';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import { makeMetrics } from '../../src/infra/metrics';
import { MULTICALL3_ADDRESS, startDevnet, type Devnet, type DevnetAccount } from '../support/devnet';
import { aprToRay, BASE_UNIT, deployAaveTestMarket, type AaveTestMarket, type AaveTestReserveSpec } from '../support/protocols/aave-v3-test-market';
import { startRpcCountingProxy, type RpcCountingProxy } from '../support/rpc-counting-proxy';

jest.setTimeout(60_000);

const logger = makeSilentLogger();

const WSEI: AaveTestReserveSpec = {
  symbol: 'WSEI',
  name: 'Wrapped SEI',
  decimals: 18,
  price: 50_000_000n, // $0.50
  ltvBps: 7_500,
  liquidationThresholdBps: 8_000,
  liquidityRate: aprToRay(2),
  variableBorrowRate: aprToRay(6),
};
const USDC: AaveTestReserveSpec = {
  symbol: 'USDC',
  name: 'USD Coin',
  decimals: 6,
  price: 100_000_000n, // $1
  ltvBps: 8_000,
  liquidationThresholdBps: 8_500,
  liquidityRate: aprToRay(3.5),
  variableBorrowRate: aprToRay(5),
  stableBorrowRate: aprToRay(8),
  isStableBorrowEnabled: true,
};
const WETH: AaveTestReserveSpec = {
  symbol: 'WETH',
  name: 'Wrapped Ether',
  decimals: 18,
  price: 300_000_000_000n, // $3000
  ltvBps: 8_000,
  liquidationThresholdBps: 8_250,
  liquidityRate: aprToRay(1.5),
  variableBorrowRate: aprToRay(4),
};

const e18 = 10n ** 18n;
const e6 = 10n ** 6n;

/** The registry knows USDC and WETH (with CoinGecko ids), not WSEI: its symbol comes from the data provider. */
const registryOf = (market: AaveTestMarket) => {
  const known: Readonly<Record<string, Omit<RegistryToken, 'address'>>> = {
    USDC: { symbol: 'USDC', name: 'USD Coin', decimals: 6, coingeckoId: 'usd-coin', isStable: true },
    WETH: { symbol: 'WETH', name: 'Wrapped Ether', decimals: 18, coingeckoId: 'weth', isStable: false },
  };
  const entries = market.reserves.flatMap((r): ReadonlyArray<RegistryToken> => {
    const entry = known[r.symbol];
    return entry === undefined ? [] : [{ ...entry, address: r.address }];
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

/** Reads one wallet through the engine; returns the adapter's answer and the number of rounds. */
const readYei = async (client: SeiClient, reader: ProtocolReader, wallet: Address): Promise<{ readonly read: PositionsRead; readonly rounds: number }> => {
  const outcome = await runPlans(client, [reader.plan(wallet)]);
  const first = outcome.outcomes[0];
  if (first === undefined) throw new Error('no outcome');
  if (E.isLeft(first.result)) throw first.result.left;
  return { read: first.result.right, rounds: outcome.rounds };
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

describe('Yei Finance (Aave v3) reader against the devnet market', () => {
  let devnet: Devnet;
  let market: AaveTestMarket;
  let client: SeiClient;
  let lender: DevnetAccount;
  let borrower: DevnetAccount;
  let bystander: DevnetAccount;

  beforeAll(async () => {
    devnet = await startDevnet();
    client = devnet.publicClient;
    market = await deployAaveTestMarket(devnet, [WSEI, USDC, WETH]);
    const [, a1, a2, a3] = devnet.accounts;
    if (a1 === undefined || a2 === undefined || a3 === undefined) throw new Error('devnet needs 4 accounts');
    [lender, borrower, bystander] = [a1, a2, a3];
    await market.supply(lender, market.reserve('USDC').address, 100_000n * e6);
    await market.supply(borrower, market.reserve('WSEI').address, 10_000n * e18);
    await market.supply(borrower, market.reserve('WETH').address, 2n * e18);
    await market.borrow(borrower, market.reserve('USDC').address, 6_000n * e6);
  });

  afterAll(async () => {
    await devnet?.stop();
  });

  it('reads a supplier-borrower: amounts, APYs from the configured rates, and the pool’s own health factor', async () => {
    const { read, rounds } = await readYei(client, makeYeiReader(market), borrower.address);
    const wsei = market.reserve('WSEI').address;
    const weth = market.reserve('WETH').address;
    const usdc = market.reserve('USDC').address;

    expect(rounds).toBe(2);
    expect(read.warnings).toEqual([]);
    expect(read.liquidity).toEqual([]);
    expect(read.lending.map((p) => p.id).sort()).toEqual([`yei:borrow:${usdc}`, `yei:supply:${weth}`, `yei:supply:${wsei}`].sort());

    expect(byId(read, `yei:supply:${wsei}`)).toEqual({
      id: `yei:supply:${wsei}`,
      platform: 'Yei Finance',
      type: 'supply',
      token: wsei,
      tokenSymbol: 'WSEI',
      amount: (10_000n * e18).toString(),
      amountFormatted: '10000',
      rawAmount: 10_000n * e18,
      apy: rayRateToApyPercent(aprToRay(2)),
      usageAsCollateral: true,
      liquidationThreshold: 0.8,
      tokenRef: { key: wsei, address: wsei, symbol: 'WSEI', decimals: 18, coingeckoId: null },
      isStable: false,
    });
    const wethSupply = byId(read, `yei:supply:${weth}`);
    expect([wethSupply.amount, wethSupply.amountFormatted, wethSupply.liquidationThreshold, wethSupply.tokenRef.coingeckoId]).toEqual([
      (2n * e18).toString(),
      '2',
      0.825,
      'weth',
    ]);
    expect(wethSupply.apy).toBeCloseTo(1.511306, 5); // 1.5% APR compounded per second
    const debt = byId(read, `yei:borrow:${usdc}`);
    expect(debt).toMatchObject({
      type: 'borrow',
      token: usdc,
      tokenSymbol: 'USDC',
      amount: '6000000000',
      amountFormatted: '6000',
      rawAmount: 6_000n * e6,
      usageAsCollateral: false,
      liquidationThreshold: 0,
      isStable: true,
      tokenRef: { key: usdc, address: usdc, symbol: 'USDC', decimals: 6, coingeckoId: 'usd-coin' },
    });
    // 5% APR → e-ish compounding: 5.127109633% (hand-checked reference in ray-rate-to-apy-percent.test.ts).
    expect(debt.apy).toBeCloseTo(5.127109633, 8);

    const account = await market.getUserAccountData(borrower.address);
    expect(read.healthFactor).toBe(healthFactorFromWad(account.healthFactor));
    // Independently, as Aave v3 computes it: collateral $11000, Σ value × LT = $8950, the average threshold truncated to
    // whole bps (8950 / 11000 → 8136), so HF = 11000 × 0.8136 / 6000 = 1.4916 (not 8950 / 6000 = 1.49167).
    expect(read.healthFactor).toBe(1.4916);
    expect(account.totalDebtBase).toBe(6_000n * BASE_UNIT);
  });

  it('follows the oracle: a collateral price fall moves the health factor across the risk bands', async () => {
    const snapshot = await devnet.snapshot();
    try {
      const reader = makeYeiReader(market);
      const weth = market.reserve('WETH').address;
      const before = (await readYei(client, reader, borrower.address)).read.healthFactor;
      await market.setAssetPrice(weth, 1_600n * BASE_UNIT);
      const after = (await readYei(client, reader, borrower.address)).read.healthFactor;

      expect(before).toBe(1.4916);
      // Collateral 5000 + 3200 = $8200, Σ value × LT = 4000 + 2640 = $6640 → average 8097 bps → 8200 × 0.8097 / 6000.
      expect(after).toBe(1.10659);
      expect(after).toBe(healthFactorFromWad((await market.getUserAccountData(borrower.address)).healthFactor));
      expect(liquidationRiskLevel(before ?? null, 6000, DEFAULT_RISK_THRESHOLDS)).toBe('low');
      expect(liquidationRiskLevel(after ?? null, 6000, DEFAULT_RISK_THRESHOLDS)).toBe('high');
    } finally {
      await devnet.revert(snapshot);
    }
  });

  it('gives a liquidation price of the largest collateral that the pool itself puts at health factor 1', async () => {
    const snapshot = await devnet.snapshot();
    try {
      const { read } = await readYei(client, makeYeiReader(market), borrower.address);
      const prices = new Map(market.reserves.map((r) => [r.address, r.spec.price]));
      const valued = valueAt(read.lending, (asset) => prices.get(getAddress(asset)) ?? 0n);
      const totalDebtUSD = valued.filter((p) => p.type === 'borrow').reduce((sum, p) => sum + (p.valueUSD ?? 0), 0);
      const liquidation = liquidationPriceOfLargestCollateral(valued, totalDebtUSD);

      const weth = market.reserve('WETH').address;
      expect(liquidation).not.toBeNull();
      expect(liquidation?.asset).toBe(weth);
      expect(liquidation?.symbol).toBe('WETH');
      // (6000 − 10000 × 0.5 × 0.8) / (2 × 0.825) = 2000 / 1.65
      expect(liquidation?.priceUSD).toBeCloseTo(2000 / 1.65, 9);

      await market.setAssetPrice(weth, BigInt(Math.round((liquidation?.priceUSD ?? 0) * Number(BASE_UNIT))));
      const account = await market.getUserAccountData(borrower.address);
      const hf = healthFactorFromWad(account.healthFactor) ?? Number.NaN;
      expect(Math.abs(hf - 1)).toBeLessThan(0.001);
      expect((await readYei(client, makeYeiReader(market), borrower.address)).read.healthFactor).toBe(hf);
    } finally {
      await devnet.revert(snapshot);
    }
  });

  it('reports a null health factor (never Infinity) for a wallet without debt, while the pool says uint256 max', async () => {
    const { read } = await readYei(client, makeYeiReader(market), lender.address);
    const usdc = market.reserve('USDC').address;

    expect(read.healthFactor).toBeNull();
    expect((await market.getUserAccountData(lender.address)).healthFactor).toBe(2n ** 256n - 1n);
    expect(read.lending.map((p) => [p.id, p.type, p.amountFormatted, p.apy])).toEqual([
      [`yei:supply:${usdc}`, 'supply', '100000', rayRateToApyPercent(aprToRay(3.5))],
    ]);
  });

  it('reports nothing and a null health factor for a wallet that never used the market', async () => {
    const { read } = await readYei(client, makeYeiReader(market), bystander.address);
    expect(read).toEqual({ lending: [], liquidity: [], healthFactor: null, warnings: [] });
  });

  it('keeps a supply that is not used as collateral out of the collateral', async () => {
    const snapshot = await devnet.snapshot();
    try {
      const wsei = market.reserve('WSEI').address;
      const usdc = market.reserve('USDC').address;
      await market.repay(borrower, usdc, 2_000n * e6);
      await market.setUseAsCollateral(borrower, wsei, false);
      const { read } = await readYei(client, makeYeiReader(market), borrower.address);
      expect(byId(read, `yei:supply:${wsei}`)).toMatchObject({ usageAsCollateral: false, liquidationThreshold: 0.8, amountFormatted: '10000' });
      expect(byId(read, `yei:borrow:${usdc}`).amountFormatted).toBe('4000');
      // Only WETH is collateral now: 2 × 3000 × 0.825 / 4000
      expect(read.healthFactor).toBe(1.2375);
    } finally {
      await devnet.revert(snapshot);
    }
  });

  it('adds stable debt to the variable debt of the same asset, at the amount-weighted APY', async () => {
    const snapshot = await devnet.snapshot();
    try {
      const usdc = market.reserve('USDC').address;
      await market.borrow(borrower, usdc, 1_000n * e6, 1n);
      const { read } = await readYei(client, makeYeiReader(market), borrower.address);
      const debt = byId(read, `yei:borrow:${usdc}`);
      expect([debt.amount, debt.amountFormatted]).toEqual(['7000000000', '7000']);
      expect(debt.apy).toBeCloseTo((6 / 7) * rayRateToApyPercent(aprToRay(5)) + (1 / 7) * rayRateToApyPercent(aprToRay(8)), 12);
      expect(read.lending.filter((p) => p.type === 'borrow')).toHaveLength(1);
      expect(read.healthFactor).toBe(healthFactorFromWad((await market.getUserAccountData(borrower.address)).healthFactor));
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
