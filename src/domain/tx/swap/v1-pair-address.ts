import { encodePacked, getAddress, getContractAddress, keccak256, type Address, type Hex } from 'viem';

/**
 * The Uniswap V2 pair init code hash SwapRouter02 is compiled with (swap-router-contracts' UniswapV2Library.pairFor):
 * the router swaps through the pair at this CREATE2 address of its factoryV2, whatever the factory's getPair says.
 */
export const SWAP_ROUTER02_PAIR_INIT_CODE_HASH: Hex = '0x96e8ac4277198ff8b6f785478aa9a39f403cb768dd02cbee326c3e7da348845f';

/** The pair address SwapRouter02 computes for two tokens of `factory` (tokens sorted by address, as UniswapV2Library does). */
export const swapRouter02PairFor = (factory: Address, tokenA: Address, tokenB: Address): Address => {
  const [token0, token1] = tokenA.toLowerCase() < tokenB.toLowerCase() ? [tokenA, tokenB] : [tokenB, tokenA];
  return getAddress(
    getContractAddress({
      opcode: 'CREATE2',
      from: factory,
      salt: keccak256(encodePacked(['address', 'address'], [token0, token1])),
      bytecodeHash: SWAP_ROUTER02_PAIR_INIT_CODE_HASH,
    }),
  );
};
