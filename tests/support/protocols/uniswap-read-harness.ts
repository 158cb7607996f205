import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { getAddress, type Address } from 'viem';
import { executeReadPlans, type ReadOutcome } from '../../../src/adapters/chain/execute-read-plans';
import { makeLensFirstReadChain } from '../../../src/adapters/chain/lens/make-lens-first-read-chain';
import type { WalletReadHint } from '../../../src/adapters/chain/lens/portfolio-lens-request';
import { portfolioLensSetupOf } from '../../../src/adapters/chain/lens/portfolio-lens-setup';
import { makeSeiClient } from '../../../src/adapters/chain/make-sei-client';
import type { ReadPlan } from '../../../src/adapters/chain/read-plan';
import type { Registry } from '../../../src/config/registry';
import type { RegistryToken } from '../../../src/config/sei-networks';
import { makeSilentLogger } from '../../../src/infra/logging/logger';
import { makeMetrics } from '../../../src/infra/metrics';
import { MULTICALL3_ADDRESS, type TestToken } from '../devnet';
import { chainId, tokenAddress } from '../brands';

const SEI_MAINNET = chainId(1329);

/** The production viem client (batching HTTP transport) for `rpcUrl`, without retries. */
export const makeTestSeiClient = (rpcUrl: string, chainId = SEI_MAINNET) =>
  makeSeiClient(
    {
      network: 'custom',
      chainId,
      rpcUrls: [rpcUrl],
      multicall3Address: MULTICALL3_ADDRESS,
      rpcTimeoutMs: 20_000,
      rpcRetryCount: 0,
      configFile: undefined,
      maxExtraTokens: 20,
      portfolioLens: false,
    },
    makeMetrics(),
  );

/** Reads plans and returns what they produced at one block; throws when the read fails. */
export type PlanRunner = <A>(plans: ReadonlyArray<ReadPlan<A>>, wallet?: WalletReadHint) => Promise<ReadOutcome<A>>;

/** Runs plans through the production read engine (rounds) against `rpcUrl`; throws on RpcUnavailable. The hint is not used. */
export const makePlanRunner = (rpcUrl: string, chainId = SEI_MAINNET): PlanRunner => {
  const client = makeTestSeiClient(rpcUrl, chainId);
  const logger = makeSilentLogger();
  return async <A>(plans: ReadonlyArray<ReadPlan<A>>): Promise<ReadOutcome<A>> => {
    const outcome = await executeReadPlans({ client, multicallAddress: MULTICALL3_ADDRESS, logger }, plans)();
    if (E.isLeft(outcome)) throw new Error(`read failed: ${outcome.left._tag}`);
    return outcome.right;
  };
};

const FELL_BACK = 'the lens was not used: it fell back to rounds';

/**
 * Runs plans through the PortfolioLens only, with the lens setup of `registry`: a fallback to rounds fails the read
 * (so what comes back is the lens's), as does a read without a wallet hint.
 */
export const makeLensPlanRunner = (rpcUrl: string, registry: Registry, chainId = SEI_MAINNET): PlanRunner => {
  const readChain = makeLensFirstReadChain({
    client: makeTestSeiClient(rpcUrl, chainId),
    setup: portfolioLensSetupOf(registry, MULTICALL3_ADDRESS),
    readInRounds: () => TE.left({ _tag: 'RpcUnavailable', cause: new Error(FELL_BACK) }),
    logger: makeSilentLogger(),
    now: Date.now,
  });
  return async <A>(plans: ReadonlyArray<ReadPlan<A>>, wallet?: WalletReadHint): Promise<ReadOutcome<A>> => {
    if (wallet === undefined) throw new Error('the lens reads one wallet: give its hint');
    const outcome = await readChain(plans, wallet)();
    if (E.isLeft(outcome)) throw new Error(outcome.left._tag === 'RpcUnavailable' && outcome.left.cause instanceof Error ? outcome.left.cause.message : `read failed: ${outcome.left._tag}`);
    return outcome.right;
  };
};

/** The two ways the app reads a wallet, for tests that must hold on both. */
export const READ_PATHS = ['rounds', 'lens'] as const;
export type ReadPath = (typeof READ_PATHS)[number];

/** The runner of one read path for a registry (the rounds ignore it). */
export const makeRunnerFor = (path: ReadPath, rpcUrl: string, registry: Registry): PlanRunner =>
  path === 'lens' ? makeLensPlanRunner(rpcUrl, registry) : makePlanRunner(rpcUrl);

/** A wallet hint with only the wallet (the plans read no ERC-20 balances). */
export const walletOnly = (wallet: Address): WalletReadHint => ({ wallet, tokens: [] });

/** A test registry on chain 1329 with these tokens and protocols. */
export const testRegistry = (tokens: ReadonlyArray<RegistryToken>, protocols: Registry['protocols']): Registry => ({
  chainId: SEI_MAINNET,
  nativeCoingeckoId: 'sei-network',
  coingeckoPlatform: 'sei-v2',
  tokens,
  protocols,
});

/** The value a source's plan produced, or throws with the plan's error. */
export const resultOf = <A>(outcome: ReadOutcome<A>, source: string): A => {
  const found = outcome.outcomes.find((o) => o.source === source);
  if (found === undefined) throw new Error(`no outcome for ${source}`);
  if (E.isLeft(found.result)) throw found.result.left;
  return found.result.right;
};

/** A registry entry for a devnet test token. */
export const registryTokenOf = (token: TestToken, isStable = false, coingeckoId: string | null = null): RegistryToken => ({
  address: tokenAddress(token.address),
  symbol: token.symbol,
  name: token.name,
  decimals: token.decimals,
  coingeckoId,
  isStable,
});

/** A knownToken lookup over registry entries, as main.ts builds it from the registry. */
export const knownTokenLookup =
  (tokens: ReadonlyArray<RegistryToken>) =>
  (address: Address): RegistryToken | undefined =>
    tokens.find((t) => getAddress(t.address) === getAddress(address));
