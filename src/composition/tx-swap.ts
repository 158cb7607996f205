import type { Address } from 'viem';
import { makeCallAllAtBlock } from '../adapters/chain/make-call-all-at-block';
import type { SeiClient } from '../adapters/chain/make-sei-client';
import type { Registry } from '../config/registry';
import type { TxEngineDeps } from '../services/tx/prepare-action';
import { makeSwapService, type SwapService } from '../services/tx/swap/swap-service';
import type { SwapVenues } from '../services/tx/swap/ports';

/** The DragonSwap addresses of the registry, or undefined when SwapRouter02 or WSEI is missing (swaps are then 422 NO_ROUTE). */
const swapVenuesOf = (registry: Registry, multicall3: Address): SwapVenues | undefined => {
  const { dragonswapV2: v2, dragonswapV1: v1 } = registry.protocols;
  if (v2?.swapRouter02 === undefined || registry.wrappedNative === undefined) return undefined;
  return {
    swapRouter02: v2.swapRouter02,
    wrappedNative: registry.wrappedNative,
    multicall3,
    ...(v2.quoterV2 === undefined ? {} : { v2: { factory: v2.factory, quoterV2: v2.quoterV2 } }),
    ...(v1 === undefined ? {} : { v1: { factory: v1.factory } }),
  };
};

/** POST /api/tx/swap's service: the swap planner on Multicall3 reads of the app's client, run by the engine. */
export const makeSwap = (w: { readonly engine: TxEngineDeps; readonly registry: Registry; readonly client: SeiClient; readonly multicall3: Address }): SwapService => {
  const venues = swapVenuesOf(w.registry, w.multicall3);
  return makeSwapService(
    w.engine,
    venues === undefined
      ? undefined
      : {
          callAll: makeCallAllAtBlock(w.client, venues.multicall3),
          gasPrice: w.engine.chain.gasPrice,
          venues,
          tokens: w.registry.tokens.map((t) => ({ address: t.address, symbol: t.symbol, decimals: t.decimals })),
        },
  );
};
