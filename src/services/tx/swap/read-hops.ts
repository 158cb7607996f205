import { encodeFunctionData, type Address } from 'viem';
import { v1MidRate, v3MidRate, type MidRate } from '../../../domain/tx/swap/mid-price';
import { v1AmountOut } from '../../../domain/tx/swap/v1-amount-out';
import { MAX_SQRT_RATIO, MIN_SQRT_RATIO } from '../../../domain/uniswap-v3';
import { decodeAnswer } from './decode-answer';
import type { CallAnswer, ChainCall } from './ports';
import { quoterV2Abi, v1PairReservesAbi, v2PoolSlot0Abi } from './swap-abis';
import { isZeroForOne, type PoolHop, type QuotedHop } from './swap-route';

/** A pool with its state at the block: its mid rate, and for a V1 pair the reserves its output is computed from. */
export interface ReadHop extends PoolHop {
  readonly midRate: MidRate;
  readonly reserves?: { readonly reserveIn: bigint; readonly reserveOut: bigint };
}

/** slot0 of a V2 pool, getReserves of a V1 pair. */
export const stateCall = (hop: PoolHop): ChainCall => ({
  to: hop.pool,
  data:
    hop.version === 'v2'
      ? encodeFunctionData({ abi: v2PoolSlot0Abi, functionName: 'slot0' })
      : encodeFunctionData({ abi: v1PairReservesAbi, functionName: 'getReserves' }),
});

/** The pool with its state, or undefined when unreadable or empty (no price, no reserves): such a pool is skipped. */
export const readHop = (hop: PoolHop, answer: CallAnswer): ReadHop | undefined => {
  const zeroForOne = isZeroForOne(hop);
  if (hop.version === 'v2') {
    const slot0 = decodeAnswer(v2PoolSlot0Abi, 'slot0', answer);
    return slot0 === undefined || slot0 === 0n ? undefined : { ...hop, midRate: v3MidRate(slot0, zeroForOne) };
  }
  const reserves = decodeAnswer(v1PairReservesAbi, 'getReserves', answer);
  if (reserves === undefined) return undefined;
  const [reserveIn, reserveOut] = zeroForOne ? [reserves[0], reserves[1]] : [reserves[1], reserves[0]];
  return reserveIn === 0n || reserveOut === 0n ? undefined : { ...hop, midRate: v1MidRate(reserveIn, reserveOut), reserves: { reserveIn, reserveOut } };
};

const isQuotedByQuoter = (hop: PoolHop): hop is PoolHop & { readonly fee: number } => hop.version === 'v2' && hop.fee !== undefined;

/** The QuoterV2 calls that price `amountIn` through each V2 pool, in hop order (V1 pairs are priced from their reserves). */
export const quoteCalls = (quoterV2: Address, hops: ReadonlyArray<PoolHop>, amountIn: bigint): ReadonlyArray<ChainCall> =>
  hops.filter(isQuotedByQuoter).map((hop) => ({
    to: quoterV2,
    data: encodeFunctionData({
      abi: quoterV2Abi,
      functionName: 'quoteExactInputSingle',
      args: [{ tokenIn: hop.tokenIn, tokenOut: hop.tokenOut, amountIn, fee: hop.fee, sqrtPriceLimitX96: 0n }],
    }),
  }));

/**
 * A V2 quote's amountOut, or undefined when the price reached its limit before the whole amount was swapped: the pool
 * then takes only part of amountIn, and quoting it as whole would announce wrong balance changes.
 */
const wholeFillOut = (quote: CallAnswer): bigint | undefined => {
  const decoded = decodeAnswer(quoterV2Abi, 'quoteExactInputSingle', quote);
  if (decoded === undefined) return undefined;
  const [amountOut, sqrtPriceX96After] = decoded;
  return sqrtPriceX96After <= MIN_SQRT_RATIO + 1n || sqrtPriceX96After >= MAX_SQRT_RATIO - 1n ? undefined : amountOut;
};

/**
 * Each hop's output for `amountIn`: a V1 pair's from its reserves, a V2 pool's from the quoteCalls answers (in the
 * same hop order). `states[i]` is hop i read at the block (undefined: unreadable). Hops that pay nothing are dropped.
 */
export const quotedHops = (
  hops: ReadonlyArray<PoolHop>,
  states: ReadonlyArray<ReadHop | undefined>,
  amountIn: bigint,
  quoteAnswers: ReadonlyArray<CallAnswer>,
): ReadonlyArray<QuotedHop> => {
  let nextQuote = 0;
  return hops.flatMap((hop, i): QuotedHop[] => {
    const quote = isQuotedByQuoter(hop) ? quoteAnswers[nextQuote++] : undefined;
    const state = states[i];
    if (state === undefined) return [];
    const amountOut = state.reserves === undefined ? wholeFillOut(quote) : v1AmountOut(amountIn, state.reserves.reserveIn, state.reserves.reserveOut);
    return amountOut === undefined || amountOut === 0n ? [] : [{ ...state, amountIn, amountOut }];
  });
};

/** The hop paying the most, the first of equals. */
export const bestHop = (hops: ReadonlyArray<QuotedHop>): QuotedHop | undefined =>
  hops.reduce<QuotedHop | undefined>((best, hop) => (best === undefined || hop.amountOut > best.amountOut ? hop : best), undefined);
