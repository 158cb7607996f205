import { encodeFunctionData, type Address, type Hex } from 'viem';
import { encodeV3Path } from '../../../domain/tx/swap/v3-path';
import { swapRouter02Abi } from './swap-abis';
import type { QuotedHop, QuotedRoute } from './swap-route';

// SwapRouter02's conventions (swap-router-contracts libraries/Constants.sol): amountIn 0 spends the router's own
// balance of the token, recipient address(2) keeps the output in the router for the next call of the multicall.
const CONTRACT_BALANCE = 0n;
const ADDRESS_THIS: Address = '0x0000000000000000000000000000000000000002';

type Segment = readonly [QuotedHop, ...QuotedHop[]];

/** Consecutive hops on the same DEX go in one router call (exactInput's path, or the V2 path). */
const segmentsOf = (hops: ReadonlyArray<QuotedHop>): ReadonlyArray<Segment> =>
  hops.reduce<Array<[QuotedHop, ...QuotedHop[]]>>((segments, hop) => {
    const last = segments[segments.length - 1];
    if (last !== undefined && last[0].version === hop.version) last.push(hop);
    else segments.push([hop]);
    return segments;
  }, []);

const encodeSegment = (segment: Segment, amountIn: bigint, amountOutMin: bigint, recipient: Address): Hex => {
  const [first] = segment;
  if (first.version === 'v1') {
    return encodeFunctionData({
      abi: swapRouter02Abi,
      functionName: 'swapExactTokensForTokens',
      args: [amountIn, amountOutMin, [first.tokenIn, ...segment.map((hop) => hop.tokenOut)], recipient],
    });
  }
  if (segment.length === 1) {
    return encodeFunctionData({
      abi: swapRouter02Abi,
      functionName: 'exactInputSingle',
      args: [{ tokenIn: first.tokenIn, tokenOut: first.tokenOut, fee: first.fee ?? 0, recipient, amountIn, amountOutMinimum: amountOutMin, sqrtPriceLimitX96: 0n }],
    });
  }
  const path = encodeV3Path([{ ...first, fee: first.fee ?? 0 }, ...segment.slice(1).map((hop) => ({ ...hop, fee: hop.fee ?? 0 }))]);
  return encodeFunctionData({ abi: swapRouter02Abi, functionName: 'exactInput', args: [{ path, recipient, amountIn, amountOutMinimum: amountOutMin }] });
};

export interface SwapCallRequest {
  readonly route: QuotedRoute;
  readonly amountOutMin: bigint;
  readonly wallet: Address;
  /** Pay with native SEI: sent as value, the router wraps it into WSEI on the way to the first pool. */
  readonly nativeIn: boolean;
  /** Receive native SEI: the last hop pays the router, which unwraps the WSEI to the wallet. */
  readonly nativeOut: boolean;
}

/**
 * The one SwapRouter02 call that swaps along the route: exactInputSingle / exactInput (V2 pools only),
 * swapExactTokensForTokens (V1 pairs only), or a multicall when the route mixes DEXes (the first leg pays the router,
 * the second spends the router's balance) or ends in native SEI (unwrapWETH9 to the wallet). amountOutMin is checked by
 * the last swap ("Too little received") and again by the unwrap.
 */
export const encodeSwapCall = (request: SwapCallRequest): { readonly data: Hex; readonly value: bigint } => {
  const { route, amountOutMin, wallet, nativeIn, nativeOut } = request;
  const segments = segmentsOf(route.hops);
  const swaps = segments.map((segment, i) => {
    const isLast = i === segments.length - 1;
    return encodeSegment(segment, i === 0 ? route.amountIn : CONTRACT_BALANCE, isLast ? amountOutMin : 0n, isLast && !nativeOut ? wallet : ADDRESS_THIS);
  });
  const calls = nativeOut ? [...swaps, encodeFunctionData({ abi: swapRouter02Abi, functionName: 'unwrapWETH9', args: [amountOutMin, wallet] })] : swaps;
  const [only] = calls;
  const data = calls.length === 1 && only !== undefined ? only : encodeFunctionData({ abi: swapRouter02Abi, functionName: 'multicall', args: [calls] });
  return { data, value: nativeIn ? route.amountIn : 0n };
};
