import { parseAbi } from 'viem';
import { aaveV3PoolActionAbi } from '../../../domain/tx/lending/aave-v3-pool-calls';

/** The Aave v3 Pool functions the app reads and builds transactions for (Yei Finance is an unmodified v3 fork). */
export const aaveV3PoolAbi = [
  ...parseAbi([
    'function getUserAccountData(address user) view returns (uint256 totalCollateralBase, uint256 totalDebtBase, uint256 availableBorrowsBase, uint256 currentLiquidationThreshold, uint256 ltv, uint256 healthFactor)',
    'function getReservesList() view returns (address[])',
    'function setUserUseReserveAsCollateral(address asset, bool useAsCollateral)',
  ]),
  ...aaveV3PoolActionAbi,
] as const;

/** The Aave v3 AaveProtocolDataProvider reads (v3.0 signatures: getReserveData still reports stable debt). */
export const aaveV3ProtocolDataProviderAbi = parseAbi([
  'struct TokenData { string symbol; address tokenAddress; }',
  'function getAllReservesTokens() view returns (TokenData[])',
  'function getReserveConfigurationData(address asset) view returns (uint256 decimals, uint256 ltv, uint256 liquidationThreshold, uint256 liquidationBonus, uint256 reserveFactor, bool usageAsCollateralEnabled, bool borrowingEnabled, bool stableBorrowRateEnabled, bool isActive, bool isFrozen)',
  'function getReserveData(address asset) view returns (uint256 unbacked, uint256 accruedToTreasuryScaled, uint256 totalAToken, uint256 totalStableDebt, uint256 totalVariableDebt, uint256 liquidityRate, uint256 variableBorrowRate, uint256 stableBorrowRate, uint256 averageStableBorrowRate, uint256 liquidityIndex, uint256 variableBorrowIndex, uint40 lastUpdateTimestamp)',
  'function getUserReserveData(address asset, address user) view returns (uint256 currentATokenBalance, uint256 currentStableDebt, uint256 currentVariableDebt, uint256 principalStableDebt, uint256 scaledVariableDebt, uint256 stableBorrowRate, uint256 liquidityRate, uint40 stableRateLastUpdated, bool usageAsCollateralEnabled)',
  'function getDebtCeiling(address asset) view returns (uint256)',
]);

/** The AaveOracle reads (prices in the base currency, 8 decimals for USD-based markets). */
export const aaveV3OracleAbi = parseAbi([
  'function getAssetPrice(address asset) view returns (uint256)',
  'function getAssetsPrices(address[] assets) view returns (uint256[])',
  'function BASE_CURRENCY_UNIT() view returns (uint256)',
]);
