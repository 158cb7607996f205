import { AbiSmallInt, AbiUint, abiMembers } from '../../chain/read-value-codecs';
import { EvmAddressCodec } from '../../../domain/address/evm-address';

/** Pool.slot0(): the members read (sqrtPriceX96, tick). */
export const Slot0Codec = abiMembers(2, { sqrtPriceX96: [0, AbiUint], tick: [1, AbiSmallInt] });

/** NonfungiblePositionManager.positions(id): the pool, the range, the liquidity and the fees credited at the last poke. */
export const PositionCodec = abiMembers(12, {
  token0: [2, EvmAddressCodec],
  token1: [3, EvmAddressCodec],
  fee: [4, AbiSmallInt],
  tickLower: [5, AbiSmallInt],
  tickUpper: [6, AbiSmallInt],
  liquidity: [7, AbiUint],
  tokensOwed0: [10, AbiUint],
  tokensOwed1: [11, AbiUint],
});
