import { getAddress } from 'viem';
import { makeAaveV3LendingMarket } from '../adapters/protocols/aave-v3/make-aave-v3-lending-market';
import type { AppConfig } from '../config/app-config';
import { findRegistryToken, type Registry } from '../config/registry';
import type { LendingDeps } from '../services/tx/lending';
import type { Chain } from './chain';

export interface LendingWiring {
  readonly config: AppConfig;
  readonly registry: Registry;
  readonly chain: Chain;
  readonly now: () => Date;
}

/**
 * The Yei market the lending planners and the AI's lending links read, or undefined when the registry has no Yei
 * market with an oracle (prices are read from it at the plan's block; networks.json lists it for mainnet and testnet).
 */
export const makeLending = (w: LendingWiring): LendingDeps | undefined => {
  const yei = w.registry.protocols.yei;
  if (yei?.oracle === undefined) return undefined;
  return {
    market: makeAaveV3LendingMarket({
      client: w.chain.client,
      multicallAddress: getAddress(w.config.chain.multicall3Address),
      addresses: { pool: yei.pool, protocolDataProvider: yei.protocolDataProvider, oracle: yei.oracle },
      now: () => w.now().getTime(),
    }),
    tokenOf: (asset) => findRegistryToken(w.registry, asset),
  };
};
