import { encodeFunctionData, getAddress, parseAbi, type Address } from 'viem';
import { toPoolKey } from '../../../src/adapters/protocols/uniswap-v3/compute-pool-address';
import { getSqrtRatioAtTick, MAX_TICK, MIN_TICK } from '../../../src/domain/uniswap-v3';
import type { Devnet, DevnetAccount, TestToken } from '../devnet';
import { addLiquidityV2, createPairV2 } from '../protocols/uniswap-v2';
import { approveUniswapV3, createPoolV3, mintPositionsV3 } from '../protocols/uniswap-v3';
import type { SeiDefiDevnet } from '../sei-defi/deploy-sei-defi-devnet';

const TICK_SPACING: Readonly<Record<number, number>> = { 100: 1, 500: 10, 3_000: 60, 10_000: 200 };

const factoryFeeAbi = parseAbi(['function feeAmountTickSpacing(uint24 fee) view returns (int24)', 'function enableFeeAmount(uint24 fee, int24 tickSpacing)']);

/** v3-core's factory ships with 500/3000/10000; the 0.01% tier (as on DragonSwap V2) is enabled by its owner, accounts[0]. */
const enableFeeTier = async (devnet: Devnet, factory: Address, fee: number, spacing: number): Promise<void> => {
  const current = await devnet.publicClient.readContract({ address: factory, abi: factoryFeeAbi, functionName: 'feeAmountTickSpacing', args: [fee] });
  if (current === 0) await devnet.sendTransaction({ to: factory, data: encodeFunctionData({ abi: factoryFeeAbi, functionName: 'enableFeeAmount', args: [fee, spacing] }) });
};

export interface PoolSide {
  readonly token: TestToken;
  /** Base units put in the pool. */
  readonly amount: bigint;
}

/**
 * A DragonSwap V2 (Uniswap v3) pool of `a` and `b` at the price amountB / amountA, holding about those amounts in one
 * full-range position of `lp` (the price is rounded to the fee tier's tick grid). Returns the pool's address.
 */
export const addV2Pool = async (devnet: Devnet, defi: SeiDefiDevnet, lp: DevnetAccount, a: PoolSide, b: PoolSide, fee: number): Promise<Address> => {
  const key = toPoolKey(a.token.address, b.token.address, fee);
  const aIs0 = getAddress(key.token0) === getAddress(a.token.address);
  const [amount0, amount1] = aIs0 ? [a.amount, b.amount] : [b.amount, a.amount];
  const spacing = TICK_SPACING[fee];
  if (spacing === undefined) throw new Error(`no fee tier ${fee}`);
  await enableFeeTier(devnet, defi.dragonswapV2.factory, fee, spacing);
  const tick = Math.round(Math.log(Number(amount1) / Number(amount0)) / Math.log(1.0001) / spacing) * spacing;
  const pool = await createPoolV3(devnet, defi.dragonswapV2, { tokenA: a.token.address, tokenB: b.token.address, fee, sqrtPriceX96: getSqrtRatioAtTick(tick) });
  await defi.mint([
    { token: a.token.address, to: lp.address, amount: a.amount },
    { token: b.token.address, to: lp.address, amount: b.amount },
  ]);
  await approveUniswapV3(devnet, defi.dragonswapV2, lp, [a.token.address, b.token.address]);
  await mintPositionsV3(devnet, defi.dragonswapV2, lp, [
    { key, tickLower: Math.ceil(MIN_TICK / spacing) * spacing, tickUpper: Math.floor(MAX_TICK / spacing) * spacing, amount0Desired: amount0, amount1Desired: amount1 },
  ]);
  return pool.address;
};

/** A DragonSwap V1 (Uniswap v2) pair holding exactly amountA of `a` and amountB of `b`. Returns the pair's address. */
export const addV1Pair = async (devnet: Devnet, defi: SeiDefiDevnet, a: PoolSide, b: PoolSide): Promise<Address> => {
  const pair = await createPairV2(devnet, defi.dragonswapV1.factory, a.token.address, b.token.address);
  const lp = devnet.accounts[0];
  if (lp === undefined) throw new Error('the devnet has no account');
  await addLiquidityV2(devnet, { pair, tokenA: a.token.address, amountA: a.amount, tokenB: b.token.address, amountB: b.amount, to: lp.address }, defi.mint);
  return pair;
};
