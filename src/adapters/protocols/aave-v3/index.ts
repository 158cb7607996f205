// The Aave v3 (Yei Finance) lending adapter in one import.
export { aaveV3OracleAbi, aaveV3PoolAbi, aaveV3ProtocolDataProviderAbi } from './aave-v3-abis';
export { aaveReservePositions, type AavePositionLabels, type AaveReserveRead, type KnownToken } from './aave-v3-positions';
export { makeAaveV3Reader, DEFAULT_RESERVE_LIST_TTL_MS, type AaveV3ReaderOptions } from './make-aave-v3-reader';
