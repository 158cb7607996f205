import { getAddress, type Address } from 'viem';
import { makePositionManagerChain } from '../adapters/protocols/uniswap-v3/make-position-manager-chain';
import type { Registry } from '../config/registry';
import type { Logger } from '../services/ports/logger';
import { makeLiquidityService, type LiquidityService } from '../services/tx/liquidity/liquidity-service';
import type { TxEngineDeps } from '../services/tx/prepare-action';
import type { Chain } from './chain';

export interface TxLiquidityWiring {
  readonly registry: Registry;
  readonly chain: Chain;
  readonly multicallAddress: Address;
  readonly logger: Logger;
  readonly engine: TxEngineDeps;
}

/** The calls' deadline outlives the answer's expiry by this much: a wallet may sign just before `expiresAt`. */
const DEADLINE_GRACE_SECONDS = 600;

/** The DragonSwap V2 position actions (mint, increase, remove, collect) on the engine; NO_ROUTE without DragonSwap V2. */
export const makeTxLiquidity = (w: TxLiquidityWiring): LiquidityService => {
  const dragonswapV2 = w.registry.protocols.dragonswapV2;
  const registryTokens = new Set<Address>(w.registry.tokens.map((token) => token.address));
  return makeLiquidityService(
    w.engine,
    dragonswapV2 === undefined
      ? undefined
      : {
          chain: makePositionManagerChain({ engine: { client: w.chain.client, multicallAddress: w.multicallAddress, logger: w.logger }, addresses: dragonswapV2 }),
          isRegistryToken: (token) => registryTokens.has(getAddress(token)),
          deadlineSeconds: w.engine.ttlSeconds + DEADLINE_GRACE_SECONDS,
        },
  );
};
