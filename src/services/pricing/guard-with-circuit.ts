import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import { callThroughCircuit } from '../circuit/call-through-circuit';
import type { CallOutcome, CircuitBreaker } from '../circuit/circuit-breaker';
import type { CoinGeckoApi, CoinGeckoError } from './coingecko-api';

const outcomeOf = (result: E.Either<CoinGeckoError, unknown>): CallOutcome => {
  if (E.isRight(result)) return { kind: 'success' };
  switch (result.left._tag) {
    case 'UpstreamRateLimited':
      return { kind: 'rate_limited', retryAfterSeconds: result.left.retryAfterSeconds };
    case 'UpstreamNotFound':
      return { kind: 'neutral' };
    case 'UpstreamBadResponse':
    case 'UpstreamUnavailable':
      return { kind: 'failure' };
  }
};

const circuitOpen = (retryAfterSeconds: number): CoinGeckoError => ({ _tag: 'UpstreamUnavailable', service: 'coingecko', reason: 'circuit_open', retryAfterSeconds });

const guard = <A>(breaker: CircuitBreaker, call: TE.TaskEither<CoinGeckoError, A>): TE.TaskEither<CoinGeckoError, A> =>
  callThroughCircuit(breaker, call, outcomeOf, circuitOpen);

/** The same API, but no request goes out while the breaker is open: those calls fail at once with `circuit_open`. */
export const guardWithCircuit = (api: CoinGeckoApi, breaker: CircuitBreaker): CoinGeckoApi => ({
  // An empty list makes no request, so it must neither take the half-open probe nor close the circuit.
  tokenPrices: (platform, addresses) => (addresses.length === 0 ? api.tokenPrices(platform, addresses) : guard(breaker, api.tokenPrices(platform, addresses))),
  coinPrices: (ids) => (ids.length === 0 ? api.coinPrices(ids) : guard(breaker, api.coinPrices(ids))),
  marketChart: (target, days) => guard(breaker, api.marketChart(target, days)),
});
