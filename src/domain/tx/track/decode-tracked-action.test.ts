import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { encodeFunctionData, getAddress, parseAbi, slice, type Abi, type Address, type Hex } from 'viem';
import { decodeTrackedAction, type KnownContracts } from './decode-tracked-action';

/** The contracts' own published ABIs (independent of the signatures the decoder lists). */
const abiOf = (artifact: string): Abi => (JSON.parse(readFileSync(path.join(__dirname, '../../../../node_modules', artifact), 'utf8')) as { abi: Abi }).abi;
const poolAbi = abiOf('@aave/core-v3/artifacts/contracts/protocol/pool/Pool.sol/Pool.json');
const npmAbi = abiOf('@uniswap/v3-periphery/artifacts/contracts/NonfungiblePositionManager.sol/NonfungiblePositionManager.json');
const router02Abi = abiOf('@uniswap/swap-router-contracts/artifacts/contracts/SwapRouter02.sol/SwapRouter02.json');
const v2RouterAbi = abiOf('@uniswap/v2-periphery/build/IUniswapV2Router02.json');
const weth9Abi = parseAbi(['function deposit() payable', 'function withdraw(uint256 wad)', 'function approve(address guy, uint256 wad) returns (bool)']);

const at = (n: number): Address => getAddress(`0x${n.toString(16).padStart(40, '0')}`);
const known: KnownContracts = { aavePool: at(1), swapRouter02: at(2), positionManager: at(3), v1Router: at(4), wrappedNative: at(5), tokens: [at(6), at(5)] };
const someone = at(0xbeef);
const token = at(6);
const deadline = 2n ** 40n;

const encode = (abi: Abi, functionName: string, args: ReadonlyArray<unknown> = []): Hex => encodeFunctionData({ abi, functionName, args });

describe('decodeTrackedAction', () => {
  it.each<[string, Address, Hex, string]>([
    ['Aave supply', at(1), encode(poolAbi, 'supply', [token, 10n, someone, 0]), 'supply'],
    ['Aave withdraw', at(1), encode(poolAbi, 'withdraw', [token, 10n, someone]), 'withdraw'],
    ['Aave borrow', at(1), encode(poolAbi, 'borrow', [token, 10n, 2n, 0, someone]), 'borrow'],
    ['Aave repay', at(1), encode(poolAbi, 'repay', [token, 10n, 2n, someone]), 'repay'],
    ['SwapRouter02 exactInputSingle', at(2), encode(router02Abi, 'exactInputSingle', [{ tokenIn: token, tokenOut: someone, fee: 500, recipient: someone, amountIn: 1n, amountOutMinimum: 0n, sqrtPriceLimitX96: 0n }]), 'swap'],
    ['SwapRouter02 multicall with a deadline', at(2), encode(router02Abi, 'multicall', [deadline, ['0x12345678']]), 'swap'],
    ['position manager mint', at(3), encode(npmAbi, 'mint', [{ token0: token, token1: someone, fee: 3000, tickLower: -60, tickUpper: 60, amount0Desired: 1n, amount1Desired: 1n, amount0Min: 0n, amount1Min: 0n, recipient: someone, deadline }]), 'add_liquidity'],
    ['position manager collect', at(3), encode(npmAbi, 'collect', [{ tokenId: 1n, recipient: someone, amount0Max: 1n, amount1Max: 1n }]), 'collect'],
    ['V1 router swapExactETHForTokens', at(4), encode(v2RouterAbi, 'swapExactETHForTokens', [0n, [token, someone], someone, deadline]), 'swap'],
    ['V1 router addLiquidity', at(4), encode(v2RouterAbi, 'addLiquidity', [token, someone, 1n, 1n, 0n, 0n, someone, deadline]), 'add_liquidity'],
    ['V1 router removeLiquidity', at(4), encode(v2RouterAbi, 'removeLiquidity', [token, someone, 1n, 0n, 0n, someone, deadline]), 'remove_liquidity'],
    ['WSEI deposit', at(5), encode(weth9Abi, 'deposit'), 'wrap'],
    ['WSEI withdraw', at(5), encode(weth9Abi, 'withdraw', [1n]), 'unwrap'],
    ['WSEI approve', at(5), encode(weth9Abi, 'approve', [someone, 1n]), 'approve'],
    ['registry token approve', token, encode(weth9Abi, 'approve', [someone, 1n]), 'approve'],
  ])('%s → its action', (_name, to, input, action) => {
    expect(decodeTrackedAction(to, input, known)).toBe(action);
  });

  it('reads the hand-written 4-byte selectors of the ABIs it relies on', () => {
    expect(slice(encode(poolAbi, 'supply', [token, 1n, someone, 0]), 0, 4)).toBe('0x617ba037');
    expect(slice(encode(npmAbi, 'decreaseLiquidity', [{ tokenId: 1n, liquidity: 1n, amount0Min: 0n, amount1Min: 0n, deadline }]), 0, 4)).toBe('0x0c49ccbe');
    expect(slice(encode(weth9Abi, 'deposit'), 0, 4)).toBe('0xd0e30db0');
  });

  it('a position-manager multicall is named by its strongest part: decrease + collect removes, mint + refund adds', () => {
    const decrease = encode(npmAbi, 'decreaseLiquidity', [{ tokenId: 1n, liquidity: 1n, amount0Min: 0n, amount1Min: 0n, deadline }]);
    const collect = encode(npmAbi, 'collect', [{ tokenId: 1n, recipient: someone, amount0Max: 1n, amount1Max: 1n }]);
    const increase = encode(npmAbi, 'increaseLiquidity', [{ tokenId: 1n, amount0Desired: 1n, amount1Desired: 1n, amount0Min: 0n, amount1Min: 0n, deadline }]);
    const refund = encode(npmAbi, 'refundETH');
    expect(decodeTrackedAction(at(3), encode(npmAbi, 'multicall', [[decrease, collect]]), known)).toBe('remove_liquidity');
    expect(decodeTrackedAction(at(3), encode(npmAbi, 'multicall', [[increase, refund]]), known)).toBe('add_liquidity');
    expect(decodeTrackedAction(at(3), encode(npmAbi, 'multicall', [[collect]]), known)).toBe('collect');
    expect(decodeTrackedAction(at(3), encode(npmAbi, 'multicall', [[refund]]), known)).toBeNull();
  });

  it('is null for an unknown contract, an unknown function of a known one, a plain transfer, a creation, and an unconfigured protocol', () => {
    expect(decodeTrackedAction(at(99), encode(weth9Abi, 'approve', [someone, 1n]), known)).toBeNull();
    expect(decodeTrackedAction(at(1), encode(poolAbi, 'setUserEMode', [1]), known)).toBeNull();
    expect(decodeTrackedAction(token, '0x', known)).toBeNull();
    expect(decodeTrackedAction(null, '0x6080604052', known)).toBeNull();
    expect(decodeTrackedAction(at(1), encode(poolAbi, 'supply', [token, 1n, someone, 0]), { tokens: [] })).toBeNull();
  });

  it('matches `to` in any letter case', () => {
    expect(decodeTrackedAction(at(1).toLowerCase() as Address, encode(poolAbi, 'borrow', [token, 10n, 2n, 0, someone]), known)).toBe('borrow');
  });
});
