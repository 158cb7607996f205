import { encodeAbiParameters, getAddress, getContractAddress, keccak256, type Address, type Hex } from 'viem';

/** keccak256 of Uniswap v3's UniswapV3Pool creation code (PoolAddress.POOL_INIT_CODE_HASH); forks may differ. */
export const UNISWAP_V3_POOL_INIT_CODE_HASH: Hex = '0xe34f199b19b2b4f47f68442619d555527d244f78a3297ea89325f843f87b8b54';

/** A pool's identity: its tokens sorted by address (token0 < token1) and its fee in hundredths of a bip. */
export interface PoolKey {
  readonly token0: Address;
  readonly token1: Address;
  readonly fee: number;
}

/** The pool key of two tokens in any order. */
export const toPoolKey = (tokenA: Address, tokenB: Address, fee: number): PoolKey => {
  const a = getAddress(tokenA);
  const b = getAddress(tokenB);
  return a.toLowerCase() < b.toLowerCase() ? { token0: a, token1: b, fee } : { token0: b, token1: a, fee };
};

/** A stable map key for a pool key. */
export const poolKeyId = (key: PoolKey): string => `${key.token0.toLowerCase()}:${key.token1.toLowerCase()}:${key.fee}`;

/**
 * The address the factory deploys a pool at (CREATE2 with salt keccak256(abi.encode(token0, token1, fee))),
 * as PoolAddress.computeAddress does; correct only when initCodeHash matches the factory's pool bytecode.
 */
export const computePoolAddress = (factory: Address, key: PoolKey, initCodeHash: Hex = UNISWAP_V3_POOL_INIT_CODE_HASH): Address =>
  getContractAddress({
    opcode: 'CREATE2',
    from: getAddress(factory),
    salt: keccak256(encodeAbiParameters([{ type: 'address' }, { type: 'address' }, { type: 'uint24' }], [key.token0, key.token1, key.fee])),
    bytecodeHash: initCodeHash,
  });
