import { getAddress, zeroAddress, zeroHash, isHex, type Address, type Hex } from 'viem';
import type { Registry } from '../../../config/registry';
import { UNISWAP_V3_POOL_INIT_CODE_HASH } from '../../protocols/uniswap-v3/compute-pool-address';
import { DEFAULT_MAX_POSITIONS, DEFAULT_SPECULATIVE_TOKEN_IDS } from '../../protocols/uniswap-v3/uniswap-v3-reader';

/** What the lens reads besides the wallet's tokens, fixed for the process. A zero address is a protocol not configured. */
export interface PortfolioLensSetup {
  readonly multicall3: Address;
  /** Tokens whose metadata the readers know (the registry's): the lens reads no decimals()/symbol() of them. */
  readonly knownTokens: ReadonlyArray<Address>;
  readonly aave: { readonly pool: Address; readonly dataProvider: Address };
  readonly uniswapV3: {
    readonly positionManager: Address;
    readonly factory: Address;
    readonly speculativeIds: bigint;
    readonly maxPositions: bigint;
    readonly poolInitCodeHash: Hex;
  };
  readonly uniswapV2: { readonly factory: Address; readonly pairTokens: ReadonlyArray<Address>; readonly pairs: ReadonlyArray<Address> };
}

/**
 * The lens setup matching the readers makeProtocolReaders builds from the same registry: the same protocols, and the
 * same calls (the V3 reader's default speculative ids, position cap and init code hash; the V2 reader's candidate pairs over the
 * registry tokens, deduplicated in the same order, so getPair(a, b) has the same calldata).
 */
export const portfolioLensSetupOf = (registry: Registry, multicall3: Address): PortfolioLensSetup => {
  const registryTokens = [...new Map(registry.tokens.map((t) => [t.address.toLowerCase(), getAddress(t.address)])).values()];
  const { yei, dragonswapV2, dragonswapV1 } = registry.protocols;
  return {
    multicall3,
    knownTokens: registryTokens,
    aave: yei === undefined ? { pool: zeroAddress, dataProvider: zeroAddress } : { pool: getAddress(yei.pool), dataProvider: getAddress(yei.protocolDataProvider) },
    uniswapV3:
      dragonswapV2 === undefined
        ? { positionManager: zeroAddress, factory: zeroAddress, speculativeIds: 0n, maxPositions: 0n, poolInitCodeHash: zeroHash }
        : {
            positionManager: getAddress(dragonswapV2.nonfungiblePositionManager),
            factory: getAddress(dragonswapV2.factory),
            speculativeIds: BigInt(DEFAULT_SPECULATIVE_TOKEN_IDS),
            maxPositions: BigInt(DEFAULT_MAX_POSITIONS),
            poolInitCodeHash: isHex(dragonswapV2.poolInitCodeHash, { strict: true }) && dragonswapV2.poolInitCodeHash.length === 66 ? dragonswapV2.poolInitCodeHash : UNISWAP_V3_POOL_INIT_CODE_HASH,
          },
    uniswapV2:
      dragonswapV1 === undefined
        ? { factory: zeroAddress, pairTokens: [], pairs: [] }
        : { factory: getAddress(dragonswapV1.factory), pairTokens: registryTokens, pairs: (dragonswapV1.pairs ?? []).map((p) => getAddress(p)) },
  };
};
