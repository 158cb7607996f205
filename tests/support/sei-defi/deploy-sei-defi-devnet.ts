import type { Address, Hex } from 'viem';
import type { TokenAddress } from '../../../src/domain/address/token-address';
import { tokenAddress } from '../brands';
import type { Devnet, TestToken, TokenMint } from '../devnet';
import { deployAaveTestMarket, type AaveTestMarket } from '../protocols/aave-v3-test-market';
import { deploySwapRouter02 } from '../protocols/swap-router-02';
import { deployUniswapV2Factory, deployUniswapV2Router02 } from '../protocols/uniswap-v2';
import { deployUniswapV3, type UniswapV3Deployment } from '../protocols/uniswap-v3';
import { deployWrappedNative, mintOrWrapTokens } from '../protocols/wrapped-native';
import { SEI_DEFI_RESERVES, type SeiDefiReserveSpec } from './sei-defi-reserves';

/** A CHAIN_CONFIG_FILE registry as the app reads it today (README "Registry file", src/config/registry.ts). */
export interface SeiDefiRegistry {
  readonly mode: 'replace';
  readonly wrappedNative: TokenAddress;
  readonly tokens: ReadonlyArray<{ readonly address: TokenAddress; readonly symbol: string; readonly name: string; readonly decimals: number; readonly coingeckoId: string | null; readonly isStable: boolean }>;
  readonly protocols: {
    readonly yei: { readonly pool: Address; readonly protocolDataProvider: Address; readonly poolAddressesProvider: Address; readonly oracle: Address };
    readonly dragonswapV2: {
      readonly factory: Address;
      readonly nonfungiblePositionManager: Address;
      readonly swapRouter02: Address;
      readonly quoterV2: Address;
      readonly poolInitCodeHash: Hex;
    };
    readonly dragonswapV1: { readonly factory: Address; readonly router: Address };
  };
}

/** Everything a Sei DeFi user touches, deployed on one devnet (Multicall3 and the Addr precompile come from startDevnet). */
export interface SeiDefiDevnet {
  /** Every reserve token in spec order; WSEI is the real WETH9 (deposit/withdraw), the others TestTokens (open mint). */
  readonly tokens: ReadonlyArray<TestToken>;
  /** The token with this symbol; throws when absent. */
  readonly token: (symbol: string) => TestToken;
  readonly wrappedNative: TestToken;
  /** Yei Finance: the real Aave v3 core with every token listed. */
  readonly yei: AaveTestMarket;
  /** DragonSwap V2: Uniswap v3 factory, NonfungiblePositionManager, SwapRouter, QuoterV2, and SwapRouter02 over both DEXes. */
  readonly dragonswapV2: UniswapV3Deployment & { readonly swapRouter02: Address };
  /** DragonSwap V1: Uniswap v2 factory and UniswapV2Router02. */
  readonly dragonswapV1: { readonly factory: Address; readonly router: Address };
  /** Mints TestTokens and wraps the native coin for WSEI, so any token of the devnet can be handed out the same way. */
  readonly mint: (mints: ReadonlyArray<TokenMint>) => Promise<void>;
  readonly registry: SeiDefiRegistry;
}

export interface SeiDefiDevnetOptions {
  /** Default SEI_DEFI_RESERVES. A spec with symbol WSEI becomes the wrapped native token (WETH9) and is listed like the rest. */
  readonly reserves?: ReadonlyArray<SeiDefiReserveSpec>;
}

const WRAPPED_NATIVE_SYMBOL = 'WSEI';

/**
 * Builds the whole Sei DeFi devnet: WSEI (WETH9) and TestTokens, the Yei market (real Aave v3) listing all of them,
 * DragonSwap V2 (real Uniswap v3 with WSEI as WETH9, plus QuoterV2), DragonSwap V1 (real Uniswap v2 factory and router)
 * and SwapRouter02 over both. Returns the addresses as the app's registry file wants them; no positions are opened.
 */
export const deploySeiDefiDevnet = async (devnet: Devnet, options: SeiDefiDevnetOptions = {}): Promise<SeiDefiDevnet> => {
  const specs = options.reserves ?? SEI_DEFI_RESERVES;
  const wrappedSpec = specs.find((s) => s.symbol === WRAPPED_NATIVE_SYMBOL);
  const wrappedNative = await deployWrappedNative(devnet, wrappedSpec ?? { symbol: WRAPPED_NATIVE_SYMBOL, name: 'Wrapped SEI' });
  const yei = await deployAaveTestMarket(
    devnet,
    specs.map((s) => (s === wrappedSpec ? { ...s, address: wrappedNative.address } : s)),
    { wrappedNative: wrappedNative.address },
  );
  const v3 = await deployUniswapV3(devnet, { weth9: wrappedNative.address });
  const v2Factory = await deployUniswapV2Factory(devnet);
  const v2Router = await deployUniswapV2Router02(devnet, v2Factory, wrappedNative.address);
  const swapRouter02 = await deploySwapRouter02(devnet, { factoryV2: v2Factory, factoryV3: v3.factory, positionManager: v3.positionManager, weth9: wrappedNative.address });

  const tokens: ReadonlyArray<TestToken> = yei.reserves.map(({ address, symbol, name, decimals }) => ({ address, symbol, name, decimals }));
  return {
    tokens,
    token: (symbol) => {
      const found = tokens.find((t) => t.symbol === symbol);
      if (found === undefined) throw new Error(`no token ${symbol} on the Sei DeFi devnet`);
      return found;
    },
    wrappedNative,
    yei,
    dragonswapV2: { ...v3, swapRouter02 },
    dragonswapV1: { factory: v2Factory, router: v2Router },
    mint: (mints) => mintOrWrapTokens(devnet, mints, wrappedNative.address),
    registry: {
      mode: 'replace',
      wrappedNative: tokenAddress(wrappedNative.address),
      // yei.reserves keeps the spec order.
      tokens: tokens.map((t, i) => ({ ...t, address: tokenAddress(t.address), coingeckoId: specs[i]?.coingeckoId ?? null, isStable: specs[i]?.isStable ?? false })),
      protocols: {
        yei: { pool: yei.pool, protocolDataProvider: yei.dataProvider, poolAddressesProvider: yei.poolAddressesProvider, oracle: yei.oracle },
        dragonswapV2: { factory: v3.factory, nonfungiblePositionManager: v3.positionManager, swapRouter02, quoterV2: v3.quoterV2, poolInitCodeHash: v3.poolInitCodeHash },
        dragonswapV1: { factory: v2Factory, router: v2Router },
      },
    },
  };
};
