import { parseAbi } from 'viem';

/** The Aave v3 administration functions the devnet deployment calls (signatures of @aave/core-v3 1.19, Aave v3.0.2). */

export const poolAddressesProviderAbi = parseAbi([
  'function setACLAdmin(address newAclAdmin)',
  'function setACLManager(address newAclManager)',
  'function setPoolImpl(address newPoolImpl)',
  'function setPoolConfiguratorImpl(address newPoolConfiguratorImpl)',
  'function setPriceOracle(address newPriceOracle)',
  'function setPoolDataProvider(address newDataProvider)',
  'function getPool() view returns (address)',
  'function getPoolConfigurator() view returns (address)',
]);

export const aclManagerAbi = parseAbi([
  'function addPoolAdmin(address admin)',
  'function addRiskAdmin(address admin)',
  'function addEmergencyAdmin(address admin)',
]);

/** Pool.initialize and PoolConfigurator.initialize: both take the addresses provider. */
export const initializeWithProviderAbi = parseAbi(['function initialize(address provider)']);

/** AToken / StableDebtToken / VariableDebtToken implementations are initialised with placeholders, as Aave's deploy does. */
export const aTokenInitializeAbi = parseAbi([
  'function initialize(address pool, address treasury, address underlyingAsset, address incentivesController, uint8 aTokenDecimals, string aTokenName, string aTokenSymbol, bytes params)',
]);
export const debtTokenInitializeAbi = parseAbi([
  'function initialize(address pool, address underlyingAsset, address incentivesController, uint8 debtTokenDecimals, string debtTokenName, string debtTokenSymbol, bytes params)',
]);

export const poolConfiguratorAbi = parseAbi([
  'struct InitReserveInput { address aTokenImpl; address stableDebtTokenImpl; address variableDebtTokenImpl; uint8 underlyingAssetDecimals; address interestRateStrategyAddress; address underlyingAsset; address treasury; address incentivesController; string aTokenName; string aTokenSymbol; string variableDebtTokenName; string variableDebtTokenSymbol; string stableDebtTokenName; string stableDebtTokenSymbol; bytes params; }',
  'function initReserves(InitReserveInput[] input)',
  'function updateFlashloanPremiumTotal(uint128 newFlashloanPremiumTotal)',
  'function updateFlashloanPremiumToProtocol(uint128 newFlashloanPremiumToProtocol)',
]);

/** Aave's own batch helper: configureReserveAsCollateral, setReserveBorrowing, caps, stable borrowing, flash loans and reserve factor per asset. */
export const reservesSetupHelperAbi = parseAbi([
  'struct ConfigureReserveInput { address asset; uint256 baseLTV; uint256 liquidationThreshold; uint256 liquidationBonus; uint256 reserveFactor; uint256 borrowCap; uint256 supplyCap; bool stableBorrowingEnabled; bool borrowingEnabled; bool flashLoanEnabled; }',
  'function configureReserves(address configurator, ConfigureReserveInput[] inputParams)',
]);

export const aaveOracleAdminAbi = parseAbi([
  'function setAssetSources(address[] assets, address[] sources)',
  'function getSourceOfAsset(address asset) view returns (address)',
]);

export const aaveDataProviderTokensAbi = parseAbi([
  'function getReserveTokensAddresses(address asset) view returns (address aTokenAddress, address stableDebtTokenAddress, address variableDebtTokenAddress)',
  'function getInterestRateStrategyAddress(address asset) view returns (address irStrategyAddress)',
]);
