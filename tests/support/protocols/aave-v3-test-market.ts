import { encodeFunctionData, maxUint256, type Address, type Hex } from 'viem';
import { aaveV3PoolAbi, aaveV3ProtocolDataProviderAbi } from '../../../src/adapters/protocols/aave-v3';
import type { AaveAccountData } from '../../../src/adapters/protocols/aave-v3/decode-aave-v3-reads';
import { deployContractsTogether, deployTestTokens, testTokenAbi, type Devnet, type DevnetAccount, type TestToken, type TestTokenSpec } from '../devnet';
import { aaveOracleAdminAbi } from './aave-v3-admin-abis';
import { loadAaveV3Artifact } from './aave-v3-artifacts';
import { VOLATILE_RATE_STRATEGY, type AaveRateStrategy } from './aave-v3-rate-strategies';
import { AAVE_BASE_CURRENCY_UNIT, deployAaveV3Core, type AaveV3Core } from './deploy-aave-v3-core';
import { listAaveV3Reserves, type AaveReserveContracts } from './list-aave-v3-reserves';
import { mintOrWrapTokens } from './wrapped-native';

/**
 * A Yei Finance market on the devnet: the real Aave v3 core (Pool, PoolConfigurator, AaveOracle,
 * AaveProtocolDataProvider, aToken and debt tokens) from @aave/core-v3's artifacts, one reserve per spec, each priced
 * by a MockAggregator (the one @aave/core-v3 ships). Rates follow each reserve's DefaultReserveInterestRateStrategy and
 * its usage, and interest accrues every second: move the clock with `devnet.increaseTime` where a test needs it.
 */

export const RAY = 10n ** 27n;
export const WAD = 10n ** 18n;
/** The oracle's base currency unit: USD with 8 decimals, as Aave v3 markets on Sei use. */
export const BASE_UNIT = AAVE_BASE_CURRENCY_UNIT;

export interface AaveTestReserveSpec extends TestTokenSpec {
  /** Oracle price in base units (USD × 1e8). */
  readonly price: bigint;
  readonly ltvBps: number;
  readonly liquidationThresholdBps: number;
  /** Default 10_500 (a 5% bonus to liquidators). */
  readonly liquidationBonusBps?: number;
  /** Default 1_000 (10% of the interest to the treasury). */
  readonly reserveFactorBps?: number;
  /** Default VOLATILE_RATE_STRATEGY. */
  readonly rateStrategy?: AaveRateStrategy;
  /** Default true. */
  readonly isBorrowingEnabled?: boolean;
  /** Default false. */
  readonly isStableBorrowEnabled?: boolean;
  /** An existing token to list (the wrapped native WSEI, say) instead of a new TestToken; it must match symbol and decimals. */
  readonly address?: Address;
}

export interface AaveTestReserve extends TestToken, AaveReserveContracts {
  readonly spec: AaveTestReserveSpec;
}

export interface AaveTestMarketOptions {
  /** The wrapped native token (WETH9) among the reserves: funded by wrapping the native coin, as it has no mint. */
  readonly wrappedNative?: Address;
}

/** AaveProtocolDataProvider.getUserReserveData, named. */
export interface AaveUserReserveData {
  readonly currentATokenBalance: bigint;
  readonly currentStableDebt: bigint;
  readonly currentVariableDebt: bigint;
  readonly principalStableDebt: bigint;
  readonly scaledVariableDebt: bigint;
  readonly stableBorrowRate: bigint;
  readonly liquidityRate: bigint;
  readonly stableRateLastUpdated: number;
  readonly usageAsCollateralEnabled: boolean;
}

/** AaveProtocolDataProvider.getReserveData, named (rates and indexes in ray). */
export interface AaveReserveData {
  readonly unbacked: bigint;
  readonly accruedToTreasuryScaled: bigint;
  readonly totalAToken: bigint;
  readonly totalStableDebt: bigint;
  readonly totalVariableDebt: bigint;
  readonly liquidityRate: bigint;
  readonly variableBorrowRate: bigint;
  readonly stableBorrowRate: bigint;
  readonly averageStableBorrowRate: bigint;
  readonly liquidityIndex: bigint;
  readonly variableBorrowIndex: bigint;
  readonly lastUpdateTimestamp: number;
}

/** Pool.getUserAccountData, named (base currency: USD × 1e8; ltv and threshold in bps; health factor in wad). */
export type AaveUserAccountData = AaveAccountData;

export interface AaveTestMarket {
  readonly core: AaveV3Core;
  readonly pool: Address;
  readonly dataProvider: Address;
  readonly oracle: Address;
  readonly poolAddressesProvider: Address;
  readonly reserves: ReadonlyArray<AaveTestReserve>;
  /** The reserve with this symbol; throws when absent. */
  readonly reserve: (symbol: string) => AaveTestReserve;
  /** Mints (or wraps) `amount` of the reserve's token for the account, approves the pool and supplies it. */
  readonly supply: (account: DevnetAccount, asset: Address, amount: bigint) => Promise<void>;
  /** interestRateMode 2 (variable) by default, 1 for stable. */
  readonly borrow: (account: DevnetAccount, asset: Address, amount: bigint, interestRateMode?: 1n | 2n) => Promise<void>;
  /** Approves the pool and repays from the account's balance (which must cover the interest when repaying everything). */
  readonly repay: (account: DevnetAccount, asset: Address, amount: bigint, interestRateMode?: 1n | 2n) => Promise<void>;
  readonly withdraw: (account: DevnetAccount, asset: Address, amount: bigint) => Promise<void>;
  readonly setUseAsCollateral: (account: DevnetAccount, asset: Address, useAsCollateral: boolean) => Promise<void>;
  /** Sets the oracle price in base units (USD × 1e8): a new MockAggregator becomes the asset's source. */
  readonly setAssetPrice: (asset: Address, price: bigint) => Promise<void>;
  /** Mints (or wraps) tokens of the market's reserves, or any TestToken, to accounts. */
  readonly fund: (mints: ReadonlyArray<{ readonly token: Address; readonly to: Address; readonly amount: bigint }>) => Promise<void>;
  /** Pool.getUserAccountData, at `blockNumber` or the latest block. */
  readonly getUserAccountData: (user: Address, blockNumber?: bigint) => Promise<AaveUserAccountData>;
  readonly getUserReserveData: (asset: Address, user: Address, blockNumber?: bigint) => Promise<AaveUserReserveData>;
  readonly getReserveData: (asset: Address, blockNumber?: bigint) => Promise<AaveReserveData>;
}

const call = (to: Address, data: Hex) => ({ to, data });
const POOL_CALL_GAS = 1_000_000n;

/** The reserves' tokens: the given existing ones, new TestTokens (mined together) for the rest; in spec order. */
const reserveTokens = async (devnet: Devnet, specs: ReadonlyArray<AaveTestReserveSpec>): Promise<ReadonlyArray<TestToken>> => {
  const fresh = await deployTestTokens(
    devnet,
    specs.filter((s) => s.address === undefined),
  );
  let next = 0;
  return specs.map(({ symbol, name, decimals, address }) => {
    if (address !== undefined) return { symbol, name, decimals, address };
    const token = fresh[next++];
    if (token === undefined) throw new Error(`no token deployed for ${symbol}`);
    return token;
  });
};

const deployAggregators = (devnet: Devnet, prices: ReadonlyArray<bigint>): Promise<ReadonlyArray<Address>> => {
  const { abi, bytecode } = loadAaveV3Artifact('MockAggregator');
  return deployContractsTogether(
    devnet,
    prices.map((price) => ({ abi, bytecode, args: [price] })),
  );
};

/** Deploys the Aave v3 core, one token per spec (unless the spec names one), lists every reserve in spec order with its price. */
export const deployAaveTestMarket = async (devnet: Devnet, specs: ReadonlyArray<AaveTestReserveSpec>, options: AaveTestMarketOptions = {}): Promise<AaveTestMarket> => {
  const tokens = await reserveTokens(devnet, specs);
  const aggregators = await deployAggregators(
    devnet,
    specs.map((s) => s.price),
  );
  const core = await deployAaveV3Core(devnet, { assets: tokens.map((t) => t.address), sources: aggregators });
  const listed = await listAaveV3Reserves(
    devnet,
    core,
    specs.map((spec, i) => ({
      token: tokens[i] ?? fail(`no token for ${spec.symbol}`),
      ltvBps: spec.ltvBps,
      liquidationThresholdBps: spec.liquidationThresholdBps,
      liquidationBonusBps: spec.liquidationBonusBps ?? 10_500,
      reserveFactorBps: spec.reserveFactorBps ?? 1_000,
      rateStrategy: spec.rateStrategy ?? VOLATILE_RATE_STRATEGY,
      isBorrowingEnabled: spec.isBorrowingEnabled ?? true,
      isStableBorrowEnabled: spec.isStableBorrowEnabled ?? false,
    })),
  );
  const reserves = specs.map((spec, i): AaveTestReserve => ({ ...(tokens[i] ?? fail(spec.symbol)), ...(listed[i] ?? fail(spec.symbol)), spec }));

  const { pool, dataProvider, oracle } = core;
  const client = devnet.publicClient;
  // Fixed gas: Hardhat estimates by bisection, running each pool call a score of times; none needs 1M.
  const send = (account: DevnetAccount, data: Hex, to: Address = pool) => devnet.sendTransaction({ ...call(to, data), gas: POOL_CALL_GAS }, account);
  const approvePool = (account: DevnetAccount, asset: Address) => send(account, encodeFunctionData({ abi: testTokenAbi, functionName: 'approve', args: [pool, maxUint256] }), asset);
  const fund: AaveTestMarket['fund'] = (mints) => mintOrWrapTokens(devnet, mints, options.wrappedNative);

  return {
    core,
    pool,
    dataProvider,
    oracle,
    poolAddressesProvider: core.poolAddressesProvider,
    reserves,
    reserve: (symbol) => reserves.find((r) => r.symbol === symbol) ?? fail(`no reserve ${symbol}`),
    supply: async (account, asset, amount) => {
      await fund([{ token: asset, to: account.address, amount }]);
      await approvePool(account, asset);
      await send(account, encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'supply', args: [asset, amount, account.address, 0] }));
    },
    borrow: async (account, asset, amount, interestRateMode = 2n) => {
      await send(account, encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'borrow', args: [asset, amount, interestRateMode, 0, account.address] }));
    },
    repay: async (account, asset, amount, interestRateMode = 2n) => {
      await approvePool(account, asset);
      await send(account, encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'repay', args: [asset, amount, interestRateMode, account.address] }));
    },
    withdraw: async (account, asset, amount) => {
      await send(account, encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'withdraw', args: [asset, amount, account.address] }));
    },
    setUseAsCollateral: async (account, asset, useAsCollateral) => {
      await send(account, encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'setUserUseReserveAsCollateral', args: [asset, useAsCollateral] }));
    },
    setAssetPrice: async (asset, price) => {
      const [source] = await deployAggregators(devnet, [price]);
      await devnet.sendTransaction(call(oracle, encodeFunctionData({ abi: aaveOracleAdminAbi, functionName: 'setAssetSources', args: [[asset], [source ?? fail('no aggregator')]] })), core.admin);
    },
    fund,
    getUserAccountData: async (user, blockNumber) => {
      const [totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor] = await client.readContract({
        address: pool,
        abi: aaveV3PoolAbi,
        functionName: 'getUserAccountData',
        args: [user],
        blockNumber,
      });
      return { totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor };
    },
    getUserReserveData: async (asset, user, blockNumber) => {
      const [currentATokenBalance, currentStableDebt, currentVariableDebt, principalStableDebt, scaledVariableDebt, stableBorrowRate, liquidityRate, stableRateLastUpdated, usageAsCollateralEnabled] =
        await client.readContract({ address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getUserReserveData', args: [asset, user], blockNumber });
      return { currentATokenBalance, currentStableDebt, currentVariableDebt, principalStableDebt, scaledVariableDebt, stableBorrowRate, liquidityRate, stableRateLastUpdated, usageAsCollateralEnabled };
    },
    getReserveData: async (asset, blockNumber) => {
      const [unbacked, accruedToTreasuryScaled, totalAToken, totalStableDebt, totalVariableDebt, liquidityRate, variableBorrowRate, stableBorrowRate, averageStableBorrowRate, liquidityIndex, variableBorrowIndex, lastUpdateTimestamp] =
        await client.readContract({ address: dataProvider, abi: aaveV3ProtocolDataProviderAbi, functionName: 'getReserveData', args: [asset], blockNumber });
      return { unbacked, accruedToTreasuryScaled, totalAToken, totalStableDebt, totalVariableDebt, liquidityRate, variableBorrowRate, stableBorrowRate, averageStableBorrowRate, liquidityIndex, variableBorrowIndex, lastUpdateTimestamp };
    },
  };
};

function fail(message: string): never {
  throw new Error(message);
}
