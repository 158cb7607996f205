import { encodeDeployData, encodeFunctionData, getAddress, type Address, type Hex } from 'viem';
import type { Devnet, DevnetAccount, DevnetTransactionRequest } from '../devnet';
import {
  aclManagerAbi,
  aTokenInitializeAbi,
  debtTokenInitializeAbi,
  initializeWithProviderAbi,
  poolAddressesProviderAbi,
  poolConfiguratorAbi,
} from './aave-v3-admin-abis';
import { loadAaveV3Artifact, type AaveV3ContractName } from './aave-v3-artifacts';
import { linkLibraries } from './link-libraries';

/** The Aave v3 core of one market on the devnet, wired as Aave's deploy scripts wire it; `admin` holds every role. */
export interface AaveV3Core {
  readonly admin: DevnetAccount;
  readonly poolAddressesProvider: Address;
  readonly aclManager: Address;
  /** The Pool proxy the addresses provider created (InitializableImmutableAdminUpgradeabilityProxy). */
  readonly pool: Address;
  /** The PoolConfigurator proxy. */
  readonly poolConfigurator: Address;
  readonly oracle: Address;
  readonly dataProvider: Address;
  readonly reservesSetupHelper: Address;
  readonly implementations: { readonly pool: Address; readonly poolConfigurator: Address; readonly aToken: Address; readonly stableDebtToken: Address; readonly variableDebtToken: Address };
}

/** AaveOracle's base currency: USD (address 0) with 8 decimals, as Aave v3 markets on Sei use. */
export const AAVE_BASE_CURRENCY_UNIT = 10n ** 8n;
// Aave's defaults: 0.05% flash-loan premium, 0.04% of it to the protocol.
const FLASH_LOAN_PREMIUM_TOTAL = 5n;
const FLASH_LOAN_PREMIUM_TO_PROTOCOL = 4n;
const ZERO: Address = '0x0000000000000000000000000000000000000000';
// Enough for the heaviest wiring call (setPoolImpl deploys and initialises the Pool proxy, under 1M gas).
const WIRING_GAS = 3_000_000n;

const deployment = (name: AaveV3ContractName, args: ReadonlyArray<unknown> = [], libraries: Readonly<Record<string, Address>> = {}): DevnetTransactionRequest => {
  const artifact = loadAaveV3Artifact(name);
  const bytecode: Hex = Object.keys(artifact.linkReferences).length === 0 ? artifact.bytecode : linkLibraries(artifact, libraries);
  return { data: encodeDeployData({ abi: artifact.abi, bytecode, args }) };
};

/**
 * Deploys the Aave v3 core from @aave/core-v3's artifacts and wires it like aave-v3-deploy: PoolAddressesProvider and
 * the logic libraries → ACL admin → Pool and PoolConfigurator (libraries linked into their bytecode), ACLManager,
 * AaveOracle (the given price sources, USD base with 8 decimals) and AaveProtocolDataProvider → the provider registers
 * them (deploying and initialising the Pool and PoolConfigurator proxies), `admin` becomes pool and emergency admin and
 * Aave's ReservesSetupHelper risk admin, the implementations are initialised → AToken / debt token implementations →
 * flash-loan premiums. Independent deployments are mined together; no reserve is listed yet.
 */
export const deployAaveV3Core = async (
  devnet: Devnet,
  oracleSources: { readonly assets: ReadonlyArray<Address>; readonly sources: ReadonlyArray<Address> },
  admin: DevnetAccount = devnet.accounts[0] ?? fail('devnet has no accounts'),
): Promise<AaveV3Core> => {
  /** Deploys every request of the record in as few blocks as fit; returns the addresses under the same keys. */
  const deployTogether = async <K extends string>(requests: Readonly<Record<K, DevnetTransactionRequest>>): Promise<Readonly<Record<K, Address>>> => {
    const entries = Object.entries<DevnetTransactionRequest>(requests);
    const receipts = await devnet.sendTransactionsTogether(entries.map(([, request]) => request), admin);
    const addresses = receipts.map((receipt) => getAddress(receipt.contractAddress ?? fail(`${receipt.transactionHash} created no contract`)));
    return Object.fromEntries(entries.map(([key], i) => [key, addresses[i]])) as Record<K, Address>;
  };
  // Transactions that depend on earlier ones of their group carry fixed gas (no estimate against the state before it).
  const inOrder = (requests: ReadonlyArray<{ readonly to: Address; readonly data: Hex }>) =>
    devnet.sendTransactionsTogether(
      requests.map((request) => ({ ...request, gas: WIRING_GAS })),
      admin,
    );

  const first = await deployTogether({
    provider: deployment('PoolAddressesProvider', ['Yei devnet market', admin.address]),
    SupplyLogic: deployment('SupplyLogic'),
    BorrowLogic: deployment('BorrowLogic'),
    LiquidationLogic: deployment('LiquidationLogic'),
    EModeLogic: deployment('EModeLogic'),
    BridgeLogic: deployment('BridgeLogic'),
    PoolLogic: deployment('PoolLogic'),
    ConfiguratorLogic: deployment('ConfiguratorLogic'),
    reservesSetupHelper: deployment('ReservesSetupHelper'),
  });
  const { provider, reservesSetupHelper, ConfiguratorLogic } = first;
  await inOrder([{ to: provider, data: encodeFunctionData({ abi: poolAddressesProviderAbi, functionName: 'setACLAdmin', args: [admin.address] }) }]);
  const { FlashLoanLogic } = await deployTogether({ FlashLoanLogic: deployment('FlashLoanLogic', [], { BorrowLogic: first.BorrowLogic }) });

  const { poolImpl, configuratorImpl, aclManager, oracle, dataProvider } = await deployTogether({
    poolImpl: deployment('Pool', [provider], { ...first, FlashLoanLogic }),
    configuratorImpl: deployment('PoolConfigurator', [], { ConfiguratorLogic }),
    aclManager: deployment('ACLManager', [provider]),
    oracle: deployment('AaveOracle', [provider, oracleSources.assets, oracleSources.sources, ZERO, ZERO, AAVE_BASE_CURRENCY_UNIT]),
    dataProvider: deployment('AaveProtocolDataProvider', [provider]),
  });

  const providerCall = (functionName: 'setACLManager' | 'setPoolImpl' | 'setPoolConfiguratorImpl' | 'setPriceOracle' | 'setPoolDataProvider', address: Address) => ({
    to: provider,
    data: encodeFunctionData({ abi: poolAddressesProviderAbi, functionName, args: [address] }),
  });
  const acl = (functionName: 'addPoolAdmin' | 'addRiskAdmin' | 'addEmergencyAdmin', account: Address) => ({
    to: aclManager,
    data: encodeFunctionData({ abi: aclManagerAbi, functionName, args: [account] }),
  });
  const initializeWithProvider = (implementation: Address) => ({
    to: implementation,
    data: encodeFunctionData({ abi: initializeWithProviderAbi, functionName: 'initialize', args: [provider] }),
  });
  // setPoolImpl and setPoolConfiguratorImpl deploy and initialise the proxies; the configurator's initialize reads
  // the pool proxy from the provider, so the pool comes first.
  await inOrder([
    providerCall('setACLManager', aclManager),
    providerCall('setPoolImpl', poolImpl),
    providerCall('setPoolConfiguratorImpl', configuratorImpl),
    providerCall('setPriceOracle', oracle),
    providerCall('setPoolDataProvider', dataProvider),
    acl('addPoolAdmin', admin.address),
    acl('addEmergencyAdmin', admin.address),
    acl('addRiskAdmin', reservesSetupHelper),
    // Implementations are initialised too, so nobody else can (as aave-v3-deploy does).
    initializeWithProvider(poolImpl),
    initializeWithProvider(configuratorImpl),
  ]);
  const read = (functionName: 'getPool' | 'getPoolConfigurator') => devnet.publicClient.readContract({ address: provider, abi: poolAddressesProviderAbi, functionName });
  const [pool, poolConfigurator] = [getAddress(await read('getPool')), getAddress(await read('getPoolConfigurator'))];

  const { aTokenImpl, stableDebtImpl, variableDebtImpl } = await deployTogether({
    aTokenImpl: deployment('AToken', [pool]),
    stableDebtImpl: deployment('StableDebtToken', [pool]),
    variableDebtImpl: deployment('VariableDebtToken', [pool]),
  });
  const debtTokenInit = (implementation: Address, name: string) => ({
    to: implementation,
    data: encodeFunctionData({ abi: debtTokenInitializeAbi, functionName: 'initialize', args: [pool, ZERO, ZERO, 0, name, name, '0x00'] }),
  });
  const premium = (functionName: 'updateFlashloanPremiumTotal' | 'updateFlashloanPremiumToProtocol', value: bigint) => ({
    to: poolConfigurator,
    data: encodeFunctionData({ abi: poolConfiguratorAbi, functionName, args: [value] }),
  });
  await inOrder([
    { to: aTokenImpl, data: encodeFunctionData({ abi: aTokenInitializeAbi, functionName: 'initialize', args: [pool, ZERO, ZERO, ZERO, 0, 'ATOKEN_IMPL', 'ATOKEN_IMPL', '0x00'] }) },
    debtTokenInit(stableDebtImpl, 'STABLE_DEBT_TOKEN_IMPL'),
    debtTokenInit(variableDebtImpl, 'VARIABLE_DEBT_TOKEN_IMPL'),
    premium('updateFlashloanPremiumTotal', FLASH_LOAN_PREMIUM_TOTAL),
    premium('updateFlashloanPremiumToProtocol', FLASH_LOAN_PREMIUM_TO_PROTOCOL),
  ]);

  return {
    admin,
    poolAddressesProvider: provider,
    aclManager,
    pool,
    poolConfigurator,
    oracle,
    dataProvider,
    reservesSetupHelper,
    implementations: { pool: poolImpl, poolConfigurator: configuratorImpl, aToken: aTokenImpl, stableDebtToken: stableDebtImpl, variableDebtToken: variableDebtImpl },
  };
};

function fail(message: string): never {
  throw new Error(message);
}

