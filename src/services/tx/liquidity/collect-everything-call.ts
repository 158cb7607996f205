import { encodeFunctionData, type Address, type Hex } from 'viem';
import { MAX_UINT128 } from '../../../domain/uniswap-v3';
import { nonfungiblePositionManagerAbi } from '../../../domain/uniswap-v3/nonfungible-position-manager-abi';

/** collect(tokenId, wallet, 2^128 − 1, 2^128 − 1): everything the position owes, paid to the wallet. */
export const collectEverythingData = (tokenId: bigint, wallet: Address): Hex =>
  encodeFunctionData({
    abi: nonfungiblePositionManagerAbi,
    functionName: 'collect',
    args: [{ tokenId, recipient: wallet, amount0Max: MAX_UINT128, amount1Max: MAX_UINT128 }],
  });
