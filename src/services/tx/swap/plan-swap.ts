import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { encodeFunctionData, formatUnits, getAddress, type Address } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { ActionPlan, PlanContext, UnprocessableTxCode } from '../../../domain/tx/action-plan';
import { minAfterSlippage } from '../../../domain/tx/min-after-slippage';
import { priceImpactBps } from '../../../domain/tx/swap/mid-price';
import { decodeAnswer } from './decode-answer';
import { encodeSwapCall } from './encode-swap-call';
import { findBestRoute, type RoutePools } from './find-best-route';
import { poolLookups } from './find-pools';
import type { CallAllAtBlock, CallAnswer, ChainCall, SwapVenues } from './ports';
import { balanceOfAbi, getEthBalanceAbi } from './swap-abis';
import type { SwapRequest, SwapToken } from './swap-request';
import type { Leg, QuotedRoute } from './swap-route';

export interface SwapPlannerDeps {
  readonly callAll: CallAllAtBlock;
  /** The current gas price, to keep gas money back when swapping "max" native SEI. */
  readonly gasPrice: () => TE.TaskEither<AppError, bigint>;
  readonly venues: SwapVenues;
  /** The registry's tokens: a swap only touches these (and native SEI). */
  readonly tokens: ReadonlyArray<SwapToken>;
}

const NATIVE: SwapToken = { address: '0x0000000000000000000000000000000000000000', symbol: 'SEI', decimals: 18 };

// Measured on the devnet (tests/tx/swap-planner.test.ts asserts every route shape stays below its bound), a fresh wallet
// paying first-write storage: V2 single hop 134k, V1 single 146k, native in 121–128k, native out (with unwrap) 118–122k,
// two hops 167k (V1+V1), 192k (V2+V2), 243k (mixed). The bounds leave about 2× for V2 swaps crossing initialised ticks.
const GAS_BASE = 100_000n;
const GAS_PER_HOP = 200_000n;
const GAS_UNWRAP = 60_000n;
/** Swapping "max" SEI keeps back twice the largest swap's gas bound (two hops) at the current gas price. */
const NATIVE_GAS_RESERVE = 2n * (GAS_BASE + 2n * GAS_PER_HOP);

const sameToken = (): AppError => ({ _tag: 'ValidationFailed', details: [{ path: 'tokenOut', expected: 'a token other than tokenIn (SEI and WSEI trade as one)' }] });

const unprocessable = (code: UnprocessableTxCode, message: string): AppError => ({ _tag: 'UnprocessableTx', code, message });

/** The registry token behind a request side ("native" trades as WSEI), or UNKNOWN_ASSET. */
const resolveToken = (deps: SwapPlannerDeps, side: Address | 'native', field: string) => {
  if (side === 'native') return TE.right({ token: NATIVE, poolToken: deps.venues.wrappedNative, isNative: true });
  const token = deps.tokens.find((t) => t.address.toLowerCase() === side.toLowerCase());
  return token === undefined
    ? TE.left(unprocessable('UNKNOWN_ASSET', `${field} is not a token of the registry`))
    : TE.right({ token, poolToken: getAddress(token.address), isNative: false });
};

const balanceCall = (deps: SwapPlannerDeps, tokenIn: Address | 'native', wallet: Address): ChainCall =>
  tokenIn === 'native'
    ? { to: deps.venues.multicall3, data: encodeFunctionData({ abi: getEthBalanceAbi, functionName: 'getEthBalance', args: [wallet] }) }
    : { to: tokenIn, data: encodeFunctionData({ abi: balanceOfAbi, functionName: 'balanceOf', args: [wallet] }) };

const routeLabel = (route: QuotedRoute): string =>
  route.hops.map((hop) => (hop.version === 'v1' ? 'V1' : `V2 ${(hop.fee ?? 0) / 10_000}%`)).join(' → ');

/**
 * Plans a DragonSwap swap at `ctx.blockNumber`: finds the route paying the most (find-best-route.ts), encodes the one
 * SwapRouter02 call, and states the allowance it needs (tokenIn → SwapRouter02, none for native SEI), the wallet's
 * expected deltas and the quote. Refusals: UNKNOWN_ASSET (a token outside the registry), NO_ROUTE (no pool pays
 * anything), NOTHING_TO_DO ("max" of a zero balance); ValidationFailed when both sides are the same token.
 * Two or three chain requests: the pool lookups (with the balance for "max"), then find-best-route's one or two.
 */
export const planSwap =
  (deps: SwapPlannerDeps) =>
  (request: SwapRequest) =>
  (ctx: PlanContext): TE.TaskEither<AppError, ActionPlan> =>
    pipe(
      TE.Do,
      TE.filterOrElse(() => request.tokenIn.toLowerCase() !== request.tokenOut.toLowerCase(), sameToken),
      TE.apS('tokenIn', resolveToken(deps, request.tokenIn, 'tokenIn')),
      TE.apS('tokenOut', resolveToken(deps, request.tokenOut, 'tokenOut')),
      TE.filterOrElse(({ tokenIn, tokenOut }) => tokenIn.poolToken !== tokenOut.poolToken, sameToken),
      TE.flatMap(({ tokenIn, tokenOut }) => {
        const wrapped = deps.venues.wrappedNative;
        const direct: Leg = { tokenIn: tokenIn.poolToken, tokenOut: tokenOut.poolToken };
        const throughWrapped = tokenIn.poolToken !== wrapped && tokenOut.poolToken !== wrapped;
        const legs = throughWrapped ? [direct, { tokenIn: tokenIn.poolToken, tokenOut: wrapped }, { tokenIn: wrapped, tokenOut: tokenOut.poolToken }] : [direct];
        const lookups = poolLookups(deps.venues, legs);
        const balance = request.amountIn === 'max' ? [balanceCall(deps, request.tokenIn === 'native' ? 'native' : tokenIn.poolToken, ctx.wallet)] : [];
        return pipe(
          deps.callAll([...lookups.calls, ...balance], ctx.blockNumber),
          TE.flatMap((answers) => {
            const [directPools = [], firstPools = [], secondPools = []] = lookups.poolsByLeg(answers);
            const pools: RoutePools = throughWrapped ? { direct: directPools, viaWrapped: { first: firstPools, second: secondPools } } : { direct: directPools };
            return pipe(
              request.amountIn !== 'max' ? TE.right(request.amountIn) : maxAmountIn(deps, request.tokenIn === 'native', answers[lookups.calls.length], tokenIn.token.symbol),
              TE.flatMap((amountIn) => findBestRoute(deps.callAll, deps.venues)(pools, amountIn, ctx.blockNumber)),
              TE.flatMap((route) =>
                route === undefined
                  ? TE.left(unprocessable('NO_ROUTE', `No DragonSwap pool swaps ${tokenIn.token.symbol} for ${tokenOut.token.symbol}`))
                  : TE.right(planOf(deps, ctx, request, { tokenIn, tokenOut, route })),
              ),
            );
          }),
        );
      }),
    );

/** "max": the whole balance of a token; of native SEI, less a gas reserve. NOTHING_TO_DO when nothing is left. */
const maxAmountIn = (deps: SwapPlannerDeps, isNative: boolean, balanceAnswer: CallAnswer, symbol: string): TE.TaskEither<AppError, bigint> =>
  pipe(
    isNative
      ? pipe(
          deps.gasPrice(),
          TE.map((gasPrice) => (decodeAnswer(getEthBalanceAbi, 'getEthBalance', balanceAnswer) ?? 0n) - gasPrice * NATIVE_GAS_RESERVE),
        )
      : TE.right(decodeAnswer(balanceOfAbi, 'balanceOf', balanceAnswer) ?? 0n),
    TE.filterOrElse(
      (amount) => amount > 0n,
      () => unprocessable('NOTHING_TO_DO', isNative ? 'The wallet holds no SEI beyond the gas reserve' : `The wallet holds no ${symbol}`),
    ),
  );

interface Resolved {
  readonly tokenIn: { readonly token: SwapToken; readonly poolToken: Address; readonly isNative: boolean };
  readonly tokenOut: { readonly token: SwapToken; readonly poolToken: Address; readonly isNative: boolean };
  readonly route: QuotedRoute;
}

const planOf = (deps: SwapPlannerDeps, ctx: PlanContext, request: SwapRequest, { tokenIn, tokenOut, route }: Resolved): ActionPlan => {
  const amountOutMin = minAfterSlippage(route.amountOut, request.slippageBps);
  const { data, value } = encodeSwapCall({ route, amountOutMin, wallet: ctx.wallet, nativeIn: tokenIn.isNative, nativeOut: tokenOut.isNative });
  const side = (resolved: Resolved['tokenIn']) => (resolved.isNative ? ('native' as const) : resolved.poolToken);
  const description =
    `Swap ${formatUnits(route.amountIn, tokenIn.token.decimals)} ${tokenIn.token.symbol} for at least ` +
    `${formatUnits(amountOutMin, tokenOut.token.decimals)} ${tokenOut.token.symbol} on DragonSwap (${routeLabel(route)})`;
  return {
    action: 'swap',
    allowances: tokenIn.isNative ? [] : [{ token: tokenIn.poolToken, spender: deps.venues.swapRouter02, amount: route.amountIn }],
    calls: [
      {
        to: deps.venues.swapRouter02,
        data,
        value,
        description,
        gasUpperBound: GAS_BASE + GAS_PER_HOP * BigInt(route.hops.length) + (tokenOut.isNative ? GAS_UNWRAP : 0n),
      },
    ],
    balanceChanges: [
      { token: side(tokenIn), delta: -route.amountIn },
      { token: side(tokenOut), delta: route.amountOut },
    ],
    quote: {
      amountOut: route.amountOut,
      amountOutMin,
      route: route.hops.map((hop) => ({ pool: hop.pool, ...(hop.fee === undefined ? {} : { fee: hop.fee }), version: hop.version })),
      priceImpactBps: priceImpactBps(route.amountIn, route.amountOut, route.hops.map((hop) => hop.midRate)),
    },
  };
};
