import { loadNpmArtifact, type NpmArtifact } from './npm-artifact';

const CORE = '@aave/core-v3/artifacts/contracts';

/** Where each Aave v3 core contract the devnet deploys sits in the @aave/core-v3 package (compiled by Aave). */
const AAVE_V3_ARTIFACTS = {
  PoolAddressesProvider: 'protocol/configuration/PoolAddressesProvider.sol/PoolAddressesProvider.json',
  ACLManager: 'protocol/configuration/ACLManager.sol/ACLManager.json',
  Pool: 'protocol/pool/Pool.sol/Pool.json',
  PoolConfigurator: 'protocol/pool/PoolConfigurator.sol/PoolConfigurator.json',
  SupplyLogic: 'protocol/libraries/logic/SupplyLogic.sol/SupplyLogic.json',
  BorrowLogic: 'protocol/libraries/logic/BorrowLogic.sol/BorrowLogic.json',
  LiquidationLogic: 'protocol/libraries/logic/LiquidationLogic.sol/LiquidationLogic.json',
  EModeLogic: 'protocol/libraries/logic/EModeLogic.sol/EModeLogic.json',
  BridgeLogic: 'protocol/libraries/logic/BridgeLogic.sol/BridgeLogic.json',
  FlashLoanLogic: 'protocol/libraries/logic/FlashLoanLogic.sol/FlashLoanLogic.json',
  PoolLogic: 'protocol/libraries/logic/PoolLogic.sol/PoolLogic.json',
  ConfiguratorLogic: 'protocol/libraries/logic/ConfiguratorLogic.sol/ConfiguratorLogic.json',
  AToken: 'protocol/tokenization/AToken.sol/AToken.json',
  VariableDebtToken: 'protocol/tokenization/VariableDebtToken.sol/VariableDebtToken.json',
  StableDebtToken: 'protocol/tokenization/StableDebtToken.sol/StableDebtToken.json',
  DefaultReserveInterestRateStrategy: 'protocol/pool/DefaultReserveInterestRateStrategy.sol/DefaultReserveInterestRateStrategy.json',
  AaveOracle: 'misc/AaveOracle.sol/AaveOracle.json',
  AaveProtocolDataProvider: 'misc/AaveProtocolDataProvider.sol/AaveProtocolDataProvider.json',
  ReservesSetupHelper: 'deployments/ReservesSetupHelper.sol/ReservesSetupHelper.json',
  MockAggregator: 'mocks/oracle/CLAggregators/MockAggregator.sol/MockAggregator.json',
  WETH9: 'dependencies/weth/WETH9.sol/WETH9.json',
} as const;

export type AaveV3ContractName = keyof typeof AAVE_V3_ARTIFACTS;

const loaded = new Map<AaveV3ContractName, NpmArtifact>();

/** The artifact @aave/core-v3 ships for a contract (read once per process). */
export const loadAaveV3Artifact = (name: AaveV3ContractName): NpmArtifact => {
  const cached = loaded.get(name);
  if (cached !== undefined) return cached;
  const artifact = loadNpmArtifact(`${CORE}/${AAVE_V3_ARTIFACTS[name]}`);
  loaded.set(name, artifact);
  return artifact;
};
