import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { CallAllAtBlock, CallAnswer, SwapVenues } from './ports';
import { bestHop, quoteCalls, quotedHops, readHop, stateCall, type ReadHop } from './read-hops';
import type { PoolHop, QuotedHop, QuotedRoute } from './swap-route';

/** The existing pools of each leg: the direct one, and when the swap can go through WSEI, its first and second legs. */
export interface RoutePools {
  readonly direct: ReadonlyArray<PoolHop>;
  readonly viaWrapped?: { readonly first: ReadonlyArray<PoolHop>; readonly second: ReadonlyArray<PoolHop> };
}

const single = (hop: QuotedHop | undefined): QuotedRoute | undefined =>
  hop === undefined ? undefined : { hops: [hop], amountIn: hop.amountIn, amountOut: hop.amountOut };

const better = (a: QuotedRoute | undefined, b: QuotedRoute | undefined): QuotedRoute | undefined =>
  a === undefined ? b : b === undefined || a.amountOut >= b.amountOut ? a : b;

const splitAt = <A>(items: ReadonlyArray<A>, sizes: ReadonlyArray<number>): ReadonlyArray<ReadonlyArray<A>> => {
  let start = 0;
  return sizes.map((size) => items.slice(start, (start += size)));
};

/**
 * The route paying the most for `amountIn` at `blockNumber`, among every existing single hop and every two-hop route
 * through WSEI (each hop on V1 or V2); undefined when none pays anything.
 *
 * Two requests at most: (1) every pool's state (slot0 / reserves) and QuoterV2 quotes of the first hops (direct and
 * to WSEI); (2) when a WSEI route exists, QuoterV2 quotes of the second hops for the best first hop's output. Taking the
 * best first hop is exact, not a heuristic: the two legs cross different pools and a pool pays more for more input,
 * so the best two-hop route starts with the first hop that pays the most WSEI.
 */
export const findBestRoute =
  (callAll: CallAllAtBlock, venues: SwapVenues) =>
  (pools: RoutePools, amountIn: bigint, blockNumber: bigint): TE.TaskEither<AppError, QuotedRoute | undefined> => {
    const first = pools.viaWrapped?.first ?? [];
    const second = pools.viaWrapped?.second ?? [];
    const everyHop = [...pools.direct, ...first, ...second];
    const quoter = venues.v2?.quoterV2;
    const directQuoteCalls = quoter === undefined ? [] : quoteCalls(quoter, pools.direct, amountIn);
    const firstQuoteCalls = quoter === undefined ? [] : quoteCalls(quoter, first, amountIn);
    const directQuoteCount = directQuoteCalls.length;
    return pipe(
      callAll([...everyHop.map(stateCall), ...directQuoteCalls, ...firstQuoteCalls], blockNumber),
      TE.flatMap((answers) => {
        const states = everyHop.map((hop, i) => readHop(hop, answers[i]));
        const [directStates = [], firstStates = [], secondStates = []] = splitAt(states, [pools.direct.length, first.length, second.length]);
        const directQuoteAnswers = answers.slice(everyHop.length, everyHop.length + directQuoteCount);
        const firstQuoteAnswers = answers.slice(everyHop.length + directQuoteCount);
        const bestDirect = single(bestHop(quotedHops(pools.direct, directStates, amountIn, directQuoteAnswers)));
        const bestFirst = bestHop(quotedHops(first, firstStates, amountIn, firstQuoteAnswers));
        if (bestFirst === undefined || second.length === 0) return TE.right(bestDirect);
        return pipe(
          secondHopQuotes(callAll, quoter, second, secondStates, bestFirst.amountOut, blockNumber),
          TE.map((secondQuoted) => {
            const bestSecond = bestHop(secondQuoted);
            const viaWrapped: QuotedRoute | undefined =
              bestSecond === undefined ? undefined : { hops: [bestFirst, bestSecond], amountIn, amountOut: bestSecond.amountOut };
            return better(bestDirect, viaWrapped);
          }),
        );
      }),
    );
  };

const secondHopQuotes = (
  callAll: CallAllAtBlock,
  quoter: Address | undefined,
  hops: ReadonlyArray<PoolHop>,
  states: ReadonlyArray<ReadHop | undefined>,
  amountIn: bigint,
  blockNumber: bigint,
): TE.TaskEither<AppError, ReadonlyArray<QuotedHop>> => {
  const calls = quoter === undefined ? [] : quoteCalls(quoter, hops, amountIn);
  const answers: TE.TaskEither<AppError, ReadonlyArray<CallAnswer>> = calls.length === 0 ? TE.right([]) : callAll(calls, blockNumber);
  return pipe(
    answers,
    TE.map((quoteAnswers) => quotedHops(hops, states, amountIn, quoteAnswers)),
  );
};
