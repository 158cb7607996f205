import { makeAaveLendingHealth } from '../adapters/chain/tx/aave-lending-health';
import { makeMemoryAllowanceSlotBook } from '../adapters/chain/tx/memory-allowance-slot-book';
import { makeTokenDescriptions } from '../adapters/chain/tx/token-descriptions';
import { makeViemTxChain } from '../adapters/chain/tx/viem-tx-chain';
import type { AppConfig } from '../config/app-config';
import type { Registry } from '../config/registry';
import type { TxEngineDeps } from '../services/tx/prepare-action';
import type { TxChain } from '../services/tx/ports';
import type { SwapService } from '../services/tx/swap/swap-service';
import { makeWrapService, type WrapService } from '../services/tx/wrap/wrap-service';
import type { Logger } from '../services/ports/logger';
import type { LiquidityService } from '../services/tx/liquidity/liquidity-service';
import type { Chain } from './chain';
import { makeSwap } from './tx-swap';
import { makeTxLiquidity } from './tx-liquidity';

export interface TxWiring {
  readonly config: AppConfig;
  readonly registry: Registry;
  readonly chain: Chain;
  readonly logger: Logger;
  readonly now: () => Date;
}

/** The transaction side: the engine every prepare route runs (chain port, slot book, health, token names) and the action services. */
export interface TxSide {
  /** For the action families' services: run a planner with prepareAction(engine). */
  readonly engine: TxEngineDeps;
  /** The engine's chain port, for planners that read balances and allowances at the plan's block. */
  readonly chain: TxChain;
  readonly wrap: WrapService;
  readonly swap: SwapService;
  readonly liquidity: LiquidityService;
}

/** Builds the transaction engine on the app's chain client, behind the RPC deadline and circuit of the chain reads. */
export const makeTx = (w: TxWiring): TxSide => {
  const { registry } = w;
  const client = w.chain.client;
  const chain = makeViemTxChain(client);
  const pool = registry.protocols.yei?.pool;
  const engine: TxEngineDeps = {
    chain,
    health: makeAaveLendingHealth(client, pool),
    slots: makeMemoryAllowanceSlotBook(),
    tokens: makeTokenDescriptions(client, registry),
    chainId: registry.chainId,
    ttlSeconds: w.config.tx.prepareTtlSeconds,
    now: w.now,
    guard: w.chain.guard,
  };
  return {
    engine,
    chain,
    wrap: makeWrapService(engine, { chain, wrappedNative: registry.wrappedNative }),
    swap: makeSwap({ engine, registry, client, multicall3: w.config.chain.multicall3Address }),
    liquidity: makeTxLiquidity({ registry, chain: w.chain, multicallAddress: w.config.chain.multicall3Address, logger: w.logger, engine }),
  };
};
