import { encodeFunctionData, getAddress, type Address, type Hex } from 'viem';
import { deployContractsTogether, type Devnet, type TestToken } from '../devnet';
import { aaveDataProviderTokensAbi, poolConfiguratorAbi, reservesSetupHelperAbi } from './aave-v3-admin-abis';
import { loadAaveV3Artifact } from './aave-v3-artifacts';
import { rateStrategyArgs, type AaveRateStrategy } from './aave-v3-rate-strategies';
import type { AaveV3Core } from './deploy-aave-v3-core';

/** How one reserve is listed: risk parameters in basis points, as PoolConfigurator takes them. */
export interface AaveReserveListing {
  readonly token: TestToken;
  readonly ltvBps: number;
  readonly liquidationThresholdBps: number;
  /** 10_500 = liquidators get a 5% bonus. */
  readonly liquidationBonusBps: number;
  readonly reserveFactorBps: number;
  readonly rateStrategy: AaveRateStrategy;
  readonly isBorrowingEnabled: boolean;
  readonly isStableBorrowEnabled: boolean;
}

/** The contracts initReserves created for a reserve, and its rate strategy. */
export interface AaveReserveContracts {
  readonly aToken: Address;
  readonly stableDebtToken: Address;
  readonly variableDebtToken: Address;
  readonly interestRateStrategy: Address;
}

const ZERO: Address = '0x0000000000000000000000000000000000000000';
// What aave-v3-deploy passes to initReserves (forwarded to the token initialisers, which ignore it).
const RESERVE_INIT_PARAMS: Hex = '0x10';
// Measured: initReserves uses about 2.28M gas per reserve (three token proxies), configureReserves about 93k.
const INIT_RESERVE_GAS = 3_000_000n;
const CONFIGURE_RESERVE_GAS = 200_000n;
const MAX_RESERVES = 15;
/** Receives the reserve factor's share of interest (minted as aTokens); nothing reads it on the devnet. */
export const AAVE_DEVNET_TREASURY: Address = '0x000000000000000000000000000000000000a7e5';

/**
 * Lists reserves on an Aave v3 core as aave-v3-deploy does: one DefaultReserveInterestRateStrategy per distinct set of
 * parameters, PoolConfigurator.initReserves (aToken, stable and variable debt token proxies, in listing order, so
 * getReservesList keeps it), then ReservesSetupHelper.configureReserves (collateral parameters, borrowing, stable
 * borrowing, flash loans, no caps, reserve factor). Returns each reserve's token contracts in listing order.
 */
export const listAaveV3Reserves = async (devnet: Devnet, core: AaveV3Core, listings: ReadonlyArray<AaveReserveListing>): Promise<ReadonlyArray<AaveReserveContracts>> => {
  if (listings.length > MAX_RESERVES) throw new Error(`at most ${MAX_RESERVES} reserves fit one initReserves transaction under the block gas limit`);
  const strategyKeys = [...new Set(listings.map((l) => rateStrategyArgs(l.rateStrategy).join(',')))];
  const { abi, bytecode } = loadAaveV3Artifact('DefaultReserveInterestRateStrategy');
  const strategyAddresses = await deployContractsTogether(
    devnet,
    strategyKeys.map((key) => ({ abi, bytecode, args: [core.poolAddressesProvider, ...key.split(',').map(BigInt)] })),
    core.admin,
  );
  const strategyOf = (listing: AaveReserveListing): Address => {
    const address = strategyAddresses[strategyKeys.indexOf(rateStrategyArgs(listing.rateStrategy).join(','))];
    if (address === undefined) throw new Error(`no rate strategy for ${listing.token.symbol}`);
    return address;
  };

  // Fixed gas: Hardhat estimates by bisection, running these heavy calls a score of times (seconds on a busy machine).
  await devnet.sendTransaction(
    {
      to: core.poolConfigurator,
      gas: INIT_RESERVE_GAS * BigInt(listings.length),
      data: encodeFunctionData({
        abi: poolConfiguratorAbi,
        functionName: 'initReserves',
        args: [
          listings.map(({ token, ...listing }) => ({
            aTokenImpl: core.implementations.aToken,
            stableDebtTokenImpl: core.implementations.stableDebtToken,
            variableDebtTokenImpl: core.implementations.variableDebtToken,
            underlyingAssetDecimals: token.decimals,
            interestRateStrategyAddress: strategyOf({ ...listing, token }),
            underlyingAsset: token.address,
            treasury: AAVE_DEVNET_TREASURY,
            incentivesController: ZERO,
            aTokenName: `Yei devnet ${token.symbol}`,
            aTokenSymbol: `a${token.symbol}`,
            variableDebtTokenName: `Yei devnet Variable Debt ${token.symbol}`,
            variableDebtTokenSymbol: `variableDebt${token.symbol}`,
            stableDebtTokenName: `Yei devnet Stable Debt ${token.symbol}`,
            stableDebtTokenSymbol: `stableDebt${token.symbol}`,
            params: RESERVE_INIT_PARAMS,
          })),
        ],
      }),
    },
    core.admin,
  );

  await devnet.sendTransaction(
    {
      to: core.reservesSetupHelper,
      gas: CONFIGURE_RESERVE_GAS * BigInt(listings.length),
      data: encodeFunctionData({
        abi: reservesSetupHelperAbi,
        functionName: 'configureReserves',
        args: [
          core.poolConfigurator,
          listings.map((l) => ({
            asset: l.token.address,
            baseLTV: BigInt(l.ltvBps),
            liquidationThreshold: BigInt(l.liquidationThresholdBps),
            // A reserve that is not collateral must have no bonus.
            liquidationBonus: BigInt(l.liquidationThresholdBps === 0 ? 0 : l.liquidationBonusBps),
            reserveFactor: BigInt(l.reserveFactorBps),
            borrowCap: 0n,
            supplyCap: 0n,
            stableBorrowingEnabled: l.isStableBorrowEnabled,
            borrowingEnabled: l.isBorrowingEnabled,
            flashLoanEnabled: true,
          })),
        ],
      }),
    },
    core.admin,
  );

  return Promise.all(
    listings.map(async (l): Promise<AaveReserveContracts> => {
      const [aToken, stableDebtToken, variableDebtToken] = await devnet.publicClient.readContract({
        address: core.dataProvider,
        abi: aaveDataProviderTokensAbi,
        functionName: 'getReserveTokensAddresses',
        args: [l.token.address],
      });
      return { aToken: getAddress(aToken), stableDebtToken: getAddress(stableDebtToken), variableDebtToken: getAddress(variableDebtToken), interestRateStrategy: strategyOf(l) };
    }),
  );
};
