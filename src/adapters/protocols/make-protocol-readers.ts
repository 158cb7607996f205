import type { Address } from 'viem';
import { findRegistryToken, type Registry } from '../../config/registry';
import { makeAaveV3Reader } from './aave-v3';
import type { ProtocolReader } from './protocol-reader';
import { makeUniswapV2Reader } from './uniswap-v2/uniswap-v2-reader';
import { makeUniswapV3Reader } from './uniswap-v3/uniswap-v3-reader';

/** The protocol adapters the registry enables (a protocol absent from it has no positions), built once: they cache immutable facts. */
export const makeProtocolReaders = (registry: Registry): ReadonlyArray<ProtocolReader> => {
  const knownToken = (address: Address) => findRegistryToken(registry, address);
  const { yei, dragonswapV2, dragonswapV1 } = registry.protocols;
  return [
    ...(yei === undefined ? [] : [makeAaveV3Reader({ addresses: yei, knownToken, platform: 'Yei Finance' })]),
    ...(dragonswapV2 === undefined ? [] : [makeUniswapV3Reader({ addresses: dragonswapV2, knownToken, chainId: registry.chainId })]),
    ...(dragonswapV1 === undefined ? [] : [makeUniswapV2Reader({ addresses: dragonswapV1, registryTokens: registry.tokens, knownToken })]),
  ];
};
