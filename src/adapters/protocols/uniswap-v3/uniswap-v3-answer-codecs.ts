import { AbiSmallInt, AbiUint, abiMembers } from '../../chain/read-value-codecs';

/** Pool.slot0(): the members read (sqrtPriceX96, tick). */
export const Slot0Codec = abiMembers(2, { sqrtPriceX96: [0, AbiUint], tick: [1, AbiSmallInt] });
