import * as E from 'fp-ts/Either';
import { getAddress, type Address } from 'viem';
import { executeReadPlans, type ReadOutcome } from '../../../src/adapters/chain/execute-read-plans';
import { makeSeiClient } from '../../../src/adapters/chain/make-sei-client';
import type { ReadPlan } from '../../../src/adapters/chain/read-plan';
import type { RegistryToken } from '../../../src/config/sei-networks';
import { makeSilentLogger } from '../../../src/infra/logging/logger';
import { makeMetrics } from '../../../src/infra/metrics';
import { MULTICALL3_ADDRESS, type TestToken } from '../devnet';

/** Runs plans through the production read engine and client (batching HTTP transport) against `rpcUrl`; throws on RpcUnavailable. */
export const makePlanRunner = (rpcUrl: string, chainId = 1329) => {
  const client = makeSeiClient(
    { network: 'custom', chainId, rpcUrls: [rpcUrl], multicall3Address: MULTICALL3_ADDRESS, rpcTimeoutMs: 20_000, rpcRetryCount: 0, configFile: undefined, maxExtraTokens: 20, portfolioLens: false },
    makeMetrics(),
  );
  const logger = makeSilentLogger();
  return async <A>(plans: ReadonlyArray<ReadPlan<A>>): Promise<ReadOutcome<A>> => {
    const outcome = await executeReadPlans({ client, multicallAddress: MULTICALL3_ADDRESS, logger }, plans)();
    if (E.isLeft(outcome)) throw new Error(`read failed: ${outcome.left._tag}`);
    return outcome.right;
  };
};

/** The value a source's plan produced, or throws with the plan's error. */
export const resultOf = <A>(outcome: ReadOutcome<A>, source: string): A => {
  const found = outcome.outcomes.find((o) => o.source === source);
  if (found === undefined) throw new Error(`no outcome for ${source}`);
  if (E.isLeft(found.result)) throw found.result.left;
  return found.result.right;
};

/** A registry entry for a devnet test token. */
export const registryTokenOf = (token: TestToken, isStable = false, coingeckoId: string | null = null): RegistryToken => ({
  address: token.address,
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
