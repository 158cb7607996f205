import { decodeFunctionData, getAddress, parseAbi, slice, toFunctionSelector, type Address, type Hex } from 'viem';
import type { TxAction } from '../action-plan';

/** What a tracked transaction does, when it calls a known contract: an action of API.md's routes, or an ERC-20 approve. */
export type TrackedAction = TxAction | 'approve';

/** The registry's contracts a transaction may call (absent = not configured on this network). */
export interface KnownContracts {
  readonly aavePool?: Address;
  readonly swapRouter02?: Address;
  readonly positionManager?: Address;
  readonly v1Router?: Address;
  readonly wrappedNative?: Address;
  /** Registry tokens: `approve` on one of them is recognised. */
  readonly tokens: ReadonlyArray<Address>;
}

type SelectorTable = ReadonlyMap<Hex, TrackedAction>;

const table = (entries: ReadonlyArray<readonly [string, TrackedAction]>): SelectorTable =>
  new Map(entries.map(([signature, action]) => [toFunctionSelector(signature), action]));

const AAVE_POOL = table([
  ['supply(address,uint256,address,uint16)', 'supply'],
  ['deposit(address,uint256,address,uint16)', 'supply'],
  ['withdraw(address,uint256,address)', 'withdraw'],
  ['borrow(address,uint256,uint256,uint16,address)', 'borrow'],
  ['repay(address,uint256,uint256,address)', 'repay'],
  ['repayWithATokens(address,uint256,uint256)', 'repay'],
]);

/** SwapRouter02: its V3 and V2 swaps, and the multicalls that wrap them (with or without a deadline). */
const SWAP_ROUTER_02 = table([
  ['exactInputSingle((address,address,uint24,address,uint256,uint256,uint160))', 'swap'],
  ['exactInput((bytes,address,uint256,uint256))', 'swap'],
  ['exactOutputSingle((address,address,uint24,address,uint256,uint256,uint160))', 'swap'],
  ['exactOutput((bytes,address,uint256,uint256))', 'swap'],
  ['swapExactTokensForTokens(uint256,uint256,address[],address)', 'swap'],
  ['swapTokensForExactTokens(uint256,uint256,address[],address)', 'swap'],
  ['multicall(bytes[])', 'swap'],
  ['multicall(uint256,bytes[])', 'swap'],
  ['multicall(bytes32,bytes[])', 'swap'],
]);

/** The Uniswap V2 router (DragonSwap V1). */
const V1_ROUTER = table([
  ['swapExactTokensForTokens(uint256,uint256,address[],address,uint256)', 'swap'],
  ['swapTokensForExactTokens(uint256,uint256,address[],address,uint256)', 'swap'],
  ['swapExactETHForTokens(uint256,address[],address,uint256)', 'swap'],
  ['swapETHForExactTokens(uint256,address[],address,uint256)', 'swap'],
  ['swapExactTokensForETH(uint256,uint256,address[],address,uint256)', 'swap'],
  ['swapTokensForExactETH(uint256,uint256,address[],address,uint256)', 'swap'],
  ['addLiquidity(address,address,uint256,uint256,uint256,uint256,address,uint256)', 'add_liquidity'],
  ['addLiquidityETH(address,uint256,uint256,uint256,address,uint256)', 'add_liquidity'],
  ['removeLiquidity(address,address,uint256,uint256,uint256,address,uint256)', 'remove_liquidity'],
  ['removeLiquidityETH(address,uint256,uint256,uint256,address,uint256)', 'remove_liquidity'],
]);

const POSITION_MANAGER = table([
  ['mint((address,address,uint24,int24,int24,uint256,uint256,uint256,uint256,address,uint256))', 'add_liquidity'],
  ['increaseLiquidity((uint256,uint256,uint256,uint256,uint256,uint256))', 'add_liquidity'],
  ['decreaseLiquidity((uint256,uint128,uint256,uint256,uint256))', 'remove_liquidity'],
  ['collect((uint256,address,uint128,uint128))', 'collect'],
]);

const WRAPPED_NATIVE = table([
  ['deposit()', 'wrap'],
  ['withdraw(uint256)', 'unwrap'],
]);

const ERC20 = table([['approve(address,uint256)', 'approve']]);

const multicallAbi = parseAbi(['function multicall(bytes[] data) payable returns (bytes[] results)']);

/** A position-manager multicall does what its strongest part does: a decrease removes, a mint or increase adds, else collect. */
const positionManagerMulticall = (input: Hex): TrackedAction | null => {
  try {
    const { args } = decodeFunctionData({ abi: multicallAbi, data: input });
    const inner = new Set(args[0].map((call) => (call.length >= 10 ? POSITION_MANAGER.get(slice(call, 0, 4)) : undefined)));
    if (inner.has('remove_liquidity')) return 'remove_liquidity';
    if (inner.has('add_liquidity')) return 'add_liquidity';
    return inner.has('collect') ? 'collect' : null;
  } catch {
    return null;
  }
};

const sameAddress = (a: Address | undefined, b: Address): boolean => a !== undefined && getAddress(a) === b;

/**
 * The action of a call to `to` with `input`, when `to` is a known registry contract and the selector one of its
 * user actions; null otherwise (unknown contract, unknown function, contract creation).
 */
export const decodeTrackedAction = (to: Address | null, input: Hex, known: KnownContracts): TrackedAction | null => {
  if (to === null || input.length < 10) return null;
  const target = getAddress(to);
  const selector = slice(input, 0, 4);
  if (sameAddress(known.aavePool, target)) return AAVE_POOL.get(selector) ?? null;
  if (sameAddress(known.swapRouter02, target)) return SWAP_ROUTER_02.get(selector) ?? null;
  if (sameAddress(known.v1Router, target)) return V1_ROUTER.get(selector) ?? null;
  if (sameAddress(known.positionManager, target)) return POSITION_MANAGER.get(selector) ?? (selector === toFunctionSelector('multicall(bytes[])') ? positionManagerMulticall(input) : null);
  if (sameAddress(known.wrappedNative, target)) return WRAPPED_NATIVE.get(selector) ?? ERC20.get(selector) ?? null;
  if (known.tokens.some((token) => sameAddress(token, target))) return ERC20.get(selector) ?? null;
  return null;
};
