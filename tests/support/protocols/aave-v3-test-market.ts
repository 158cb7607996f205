import { encodeFunctionData, maxUint256, parseAbi, type Address, type Hex } from 'viem';
import { aaveV3PoolAbi } from '../../../src/adapters/protocols/aave-v3';
import { deployTestTokens, loadArtifact, mintTokens, testTokenAbi, type Devnet, type DevnetAccount, type TestToken } from '../devnet';

/**
 * A Yei Finance (Aave v3) market on the devnet, from tests/support/contracts/YeiTestMarket.sol: YeiTestOracle,
 * YeiTestPool and YeiTestProtocolDataProvider, with one TestToken per reserve.
 */

export const RAY = 10n ** 27n;
export const WAD = 10n ** 18n;
/** The oracle's base currency unit: USD with 8 decimals, as Aave v3 markets on Sei use. */
export const BASE_UNIT = 10n ** 8n;

/** An APR in percent (e.g. 5 → 5%) as an Aave ray rate. */
export const aprToRay = (percent: number): bigint => (BigInt(Math.round(percent * 1e6)) * RAY) / 100_000_000n;

export interface AaveTestReserveSpec {
  readonly symbol: string;
  readonly name: string;
  readonly decimals: number;
  /** Oracle price in base units (USD × 1e8). */
  readonly price: bigint;
  readonly ltvBps: number;
  readonly liquidationThresholdBps: number;
  readonly liquidationBonusBps?: number;
  readonly reserveFactorBps?: number;
  readonly liquidityRate: bigint;
  readonly variableBorrowRate: bigint;
  readonly stableBorrowRate?: bigint;
  readonly isStableBorrowEnabled?: boolean;
  readonly isBorrowingEnabled?: boolean;
}

export interface AaveTestReserve extends TestToken {
  readonly spec: AaveTestReserveSpec;
}

export interface AaveTestMarket {
  readonly pool: Address;
  readonly dataProvider: Address;
  readonly oracle: Address;
  readonly reserves: ReadonlyArray<AaveTestReserve>;
  /** The reserve with this symbol; throws when absent. */
  readonly reserve: (symbol: string) => AaveTestReserve;
  /** Mints `amount` of the reserve's token to the account, approves the pool and supplies it. */
  readonly supply: (account: DevnetAccount, asset: Address, amount: bigint) => Promise<void>;
  /** interestRateMode 2 (variable) by default, 1 for stable. */
  readonly borrow: (account: DevnetAccount, asset: Address, amount: bigint, interestRateMode?: 1n | 2n) => Promise<void>;
  readonly repay: (account: DevnetAccount, asset: Address, amount: bigint, interestRateMode?: 1n | 2n) => Promise<void>;
  readonly withdraw: (account: DevnetAccount, asset: Address, amount: bigint) => Promise<void>;
  readonly setUseAsCollateral: (account: DevnetAccount, asset: Address, useAsCollateral: boolean) => Promise<void>;
  /** Sets the oracle price in base units (USD × 1e8). */
  readonly setAssetPrice: (asset: Address, price: bigint) => Promise<void>;
  /** Pool.getUserAccountData read directly, as the contract computes it. */
  readonly getUserAccountData: (user: Address) => Promise<{
    readonly totalCollateralBase: bigint;
    readonly totalDebtBase: bigint;
    readonly availableBorrowsBase: bigint;
    readonly currentLiquidationThreshold: bigint;
    readonly ltv: bigint;
    readonly healthFactor: bigint;
  }>;
}

const adminAbi = parseAbi([
  'struct ReserveParams { uint8 decimals; uint16 ltv; uint16 liquidationThreshold; uint16 liquidationBonus; uint16 reserveFactor; bool borrowingEnabled; bool stableBorrowRateEnabled; bool isActive; bool isFrozen; uint128 liquidityRate; uint128 variableBorrowRate; uint128 stableBorrowRate; }',
  'function initReserve(address asset, ReserveParams params)',
  'function setAssetPrice(address asset, uint256 price)',
]);

const call = (to: Address, data: Hex) => ({ to, data });

/** Deploys the oracle, the pool, the data provider and one token per spec, and lists every reserve with its price. */
export const deployAaveTestMarket = async (devnet: Devnet, specs: ReadonlyArray<AaveTestReserveSpec>): Promise<AaveTestMarket> => {
  const oracleArtifact = loadArtifact('YeiTestOracle');
  const poolArtifact = loadArtifact('YeiTestPool');
  const providerArtifact = loadArtifact('YeiTestProtocolDataProvider');
  const oracle = await devnet.deployContract(oracleArtifact.abi, oracleArtifact.bytecode);
  const pool = await devnet.deployContract(poolArtifact.abi, poolArtifact.bytecode, [oracle]);
  const dataProvider = await devnet.deployContract(providerArtifact.abi, providerArtifact.bytecode, [pool]);
  const tokens = await deployTestTokens(devnet, specs);
  const reserves = tokens.map((token, i): AaveTestReserve => {
    const spec = specs[i];
    if (spec === undefined) throw new Error(`no spec for token ${token.symbol}`);
    return { ...token, spec };
  });
  // Listed one by one so getReservesList keeps the spec order.
  for (const r of reserves) {
    await devnet.sendTransaction(
      call(
        pool,
        encodeFunctionData({
          abi: adminAbi,
          functionName: 'initReserve',
          args: [
            r.address,
            {
              decimals: r.spec.decimals,
              ltv: r.spec.ltvBps,
              liquidationThreshold: r.spec.liquidationThresholdBps,
              liquidationBonus: r.spec.liquidationBonusBps ?? 10_500,
              reserveFactor: r.spec.reserveFactorBps ?? 1_000,
              borrowingEnabled: r.spec.isBorrowingEnabled ?? true,
              stableBorrowRateEnabled: r.spec.isStableBorrowEnabled ?? false,
              isActive: true,
              isFrozen: false,
              liquidityRate: r.spec.liquidityRate,
              variableBorrowRate: r.spec.variableBorrowRate,
              stableBorrowRate: r.spec.stableBorrowRate ?? 0n,
            },
          ],
        }),
      ),
    );
  }
  await devnet.sendTransactionsTogether(
    reserves.map((r) => call(oracle, encodeFunctionData({ abi: adminAbi, functionName: 'setAssetPrice', args: [r.address, r.spec.price] }))),
  );

  const send = (account: DevnetAccount, data: Hex, to: Address = pool) => devnet.sendTransaction(call(to, data), account);
  const market: AaveTestMarket = {
    pool,
    dataProvider,
    oracle,
    reserves,
    reserve: (symbol) => {
      const found = reserves.find((r) => r.symbol === symbol);
      if (found === undefined) throw new Error(`no reserve ${symbol}`);
      return found;
    },
    supply: async (account, asset, amount) => {
      await mintTokens(devnet, [{ token: asset, to: account.address, amount }]);
      await send(account, encodeFunctionData({ abi: testTokenAbi, functionName: 'approve', args: [pool, maxUint256] }), asset);
      await send(account, encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'supply', args: [asset, amount, account.address, 0] }));
    },
    borrow: async (account, asset, amount, interestRateMode = 2n) => {
      await send(account, encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'borrow', args: [asset, amount, interestRateMode, 0, account.address] }));
    },
    repay: async (account, asset, amount, interestRateMode = 2n) => {
      await send(account, encodeFunctionData({ abi: testTokenAbi, functionName: 'approve', args: [pool, maxUint256] }), asset);
      await send(account, encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'repay', args: [asset, amount, interestRateMode, account.address] }));
    },
    withdraw: async (account, asset, amount) => {
      await send(account, encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'withdraw', args: [asset, amount, account.address] }));
    },
    setUseAsCollateral: async (account, asset, useAsCollateral) => {
      await send(account, encodeFunctionData({ abi: aaveV3PoolAbi, functionName: 'setUserUseReserveAsCollateral', args: [asset, useAsCollateral] }));
    },
    setAssetPrice: async (asset, price) => {
      await devnet.sendTransaction(call(oracle, encodeFunctionData({ abi: adminAbi, functionName: 'setAssetPrice', args: [asset, price] })));
    },
    getUserAccountData: async (user) => {
      const [totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor] =
        await devnet.publicClient.readContract({ address: pool, abi: aaveV3PoolAbi, functionName: 'getUserAccountData', args: [user] });
      return { totalCollateralBase, totalDebtBase, availableBorrowsBase, currentLiquidationThreshold, ltv, healthFactor };
    },
  };
  return market;
};
