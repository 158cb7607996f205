import { makeAaveV3LendingMarket } from '../adapters/protocols/aave-v3/make-aave-v3-lending-market';
import type { AppConfig } from '../config/app-config';
import { findRegistryToken, type Registry } from '../config/registry';
import { lendingPrepareRoutes, makeLendingService, type LendingDeps, type PrepareFromBody } from '../services/tx/lending';
import type { TxEngineDeps } from '../services/tx/prepare-action';
import type { Chain } from './chain';

export interface LendingWiring {
  readonly config: AppConfig;
  readonly registry: Registry;
  readonly chain: Chain;
  readonly engine: TxEngineDeps;
  readonly now: () => Date;
}

export interface LendingSide {
  /** The Yei market, for the AI's lending links; undefined without one. */
  readonly market: LendingDeps | undefined;
  /** POST /api/tx/lending/* by path, for the HTTP routes and the AI's prepare_transaction tool (422 UNKNOWN_ASSET without a market). */
  readonly routes: Readonly<Record<string, PrepareFromBody>>;
}

/**
 * The lending side: the Yei market the planners and the AI's lending links read (none when the registry has no Yei
 * market with an oracle: prices are read from it at the plan's block; networks.json lists it for mainnet and testnet),
 * and the prepare routes' service on the transaction engine.
 */
export const makeLending = (w: LendingWiring): LendingSide => {
  const market = makeYeiMarket(w);
  return { market, routes: lendingPrepareRoutes(makeLendingService(w.engine, market)) };
};

const makeYeiMarket = (w: LendingWiring): LendingDeps | undefined => {
  const yei = w.registry.protocols.yei;
  if (yei?.oracle === undefined) return undefined;
  return {
    market: makeAaveV3LendingMarket({
      client: w.chain.client,
      multicallAddress: w.config.chain.multicall3Address,
      addresses: { pool: yei.pool, protocolDataProvider: yei.protocolDataProvider, oracle: yei.oracle },
      now: () => w.now().getTime(),
    }),
    tokenOf: (asset) => findRegistryToken(w.registry, asset),
  };
};
