import type { TaskEither } from 'fp-ts/TaskEither';
import { executeReadPlans } from '../adapters/chain/execute-read-plans';
import { makeLensFirstReadChain, type WalletReadChain } from '../adapters/chain/lens/make-lens-first-read-chain';
import { portfolioLensSetupOf } from '../adapters/chain/lens/portfolio-lens-setup';
import { makeSeiClient, type SeiClient } from '../adapters/chain/make-sei-client';
import { makeWalletChainReader } from '../adapters/chain/make-wallet-chain-reader';
import { observeReadRounds } from '../adapters/chain/observe-read-rounds';
import type { ReadPlan } from '../adapters/chain/read-plan';
import { resolveSeiAddress } from '../adapters/chain/resolve-sei-address';
import { makeReadDexPools } from '../adapters/prices/read-dex-pools';
import { makeProtocolReaders } from '../adapters/protocols/make-protocol-readers';
import type { AppConfig } from '../config/app-config';
import type { Registry } from '../config/registry';
import type { AppError } from '../domain/app-error';
import type { Metrics } from '../infra/metrics';
import { makeCachedProbe } from '../services/cached-probe';
import { makeCircuitBreaker } from '../services/circuit/circuit-breaker';
import type { HealthCheck } from '../services/health';
import type { ResolveSeiAddress, WalletChainReader } from '../services/portfolio/ports';
import type { Cache } from '../services/ports/cache';
import type { Logger } from '../services/ports/logger';
import type { ReadDexPools } from '../services/pricing/dex-price-feed';
import { makeRpcGuard } from '../services/rpc/rpc-guard';

export interface ChainWiring {
  readonly config: AppConfig;
  readonly registry: Registry;
  /** Where the RPC circuit's open periods are shared with the other workers. */
  readonly cache: Cache;
  readonly logger: Logger;
  readonly metrics: Metrics;
  readonly now: () => Date;
}

/** The Sei chain as the services read it. Every read below has the RPC deadline and goes through the RPC circuit. */
export interface Chain {
  /** The viem client, for what reads the chain outside the portfolio (signature checks, the watcher). */
  readonly client: SeiClient;
  /** A wallet's balances and positions at one block: the lens in one request (SEI_PORTFOLIO_LENS), else rounds. */
  readonly wallets: WalletChainReader;
  /** DragonSwap V2 pool prices for the DEX price fallback; undefined when the registry has no DragonSwap V2. */
  readonly readDexPools: ReadDexPools | undefined;
  readonly resolveSeiAddress: ResolveSeiAddress;
  /** The RPC deadline and circuit of the reads above, for other chain work (transaction preparation). */
  readonly guard: <A>(work: TaskEither<AppError, A>) => TaskEither<AppError, A>;
  /** `checks.rpc` of /health: `down` without probing while the circuit is open, else a block number at most every 10 s. */
  readonly health: HealthCheck;
}

const RPC_PROBE_TTL_MS = 10_000;

/** Builds the chain side: the client, the read engines (lens first, rounds as fallback) and the RPC guard around them. */
export const makeChain = (w: ChainWiring): Chain => {
  const { config, registry, logger, metrics } = w;
  const client = makeSeiClient(config.chain, metrics);
  const multicallAddress = config.chain.multicall3Address;
  const readInRounds = <A>(plans: ReadonlyArray<ReadPlan<A>>) => executeReadPlans({ client, multicallAddress, logger }, plans);
  const lensOrRounds = config.chain.portfolioLens
    ? makeLensFirstReadChain({ client, setup: portfolioLensSetupOf(registry, multicallAddress), readInRounds, logger, now: () => w.now().getTime() })
    : readInRounds;
  // Portfolio and price reads of the chain give up at a deadline, and answer stored data at once while the RPC is down.
  const rpcCircuit = makeCircuitBreaker({
    name: 'rpc',
    failureThreshold: config.rpcGuard.circuitFailures,
    openSeconds: config.rpcGuard.circuitOpenSeconds,
    shared: w.cache,
    logger,
    now: () => w.now().getTime(),
  });
  metrics.observeCircuit('rpc', () => rpcCircuit.snapshot().openUntil > 0);
  const rpc = makeRpcGuard({ breaker: rpcCircuit, deadlineMs: config.rpcGuard.readDeadlineMs, logger });
  const readChain: WalletReadChain = (plans, hint) => rpc.guard(lensOrRounds(plans, hint));
  const dragonswapV2 = registry.protocols.dragonswapV2;
  const probe = makeCachedProbe(async () => {
    await client.getBlockNumber({ cacheTime: 0 });
    return 'up' as const;
  }, RPC_PROBE_TTL_MS);
  return {
    client,
    wallets: makeWalletChainReader({
      readChain: observeReadRounds(readChain, (rounds) => metrics.portfolioReadRoundTrips.observe(rounds)),
      protocolReaders: makeProtocolReaders(registry),
      multicallAddress,
      nativeCoingeckoId: registry.nativeCoingeckoId,
    }),
    readDexPools: dragonswapV2 === undefined ? undefined : makeReadDexPools({ ...dragonswapV2, readChain: (plans) => rpc.guard(readInRounds(plans)) }),
    resolveSeiAddress: (bech32) => rpc.guard(resolveSeiAddress(client)(bech32)),
    health: rpc.health(probe),
    guard: rpc.guard,
  };
};
