// The devnet test support in one import: `import { startDevnet, deployTestTokens } from '../support/devnet'`.
export { startDevnet, makeDevnetChain, type Devnet, type DevnetAccount, type DevnetOptions } from './start-devnet';
export { DEVNET_PRIVATE_KEYS, DEFAULT_ACCOUNT_BALANCE } from './devnet-accounts';
export { freshAccount } from './fresh-account';
export { makeJsonRpcClient, JsonRpcError, type JsonRpcCall, type JsonRpcClient } from './json-rpc-client';
export { MULTICALL3_ADDRESS, ADDR_PRECOMPILE_ADDRESS } from './sei-addresses';
export { installSeiPredeploys, associateSeiAddress, addrPrecompileAbi } from './sei-predeploys';
export { type DevnetTransactionRequest } from './send-transactions-together';
export { deployContractsTogether, type ContractDeployment } from './deploy-contracts-together';
export {
  deployTestTokens,
  deployBrokenToken,
  mintTokens,
  installTestTokenAt,
  testTokenAbi,
  type TestToken,
  type TestTokenSpec,
  type TokenMint,
} from './test-tokens';
export {
  compileContracts,
  loadArtifact,
  type CompileOptions,
  type CompiledContracts,
  type ContractArtifact,
} from '../contracts/compile-contracts';
