import type { Address } from 'viem';
import { nonfungiblePositionManagerAbi } from '../../../domain/uniswap-v3/nonfungible-position-manager-abi';
import type { ContractRead } from '../../chain/read-plan';

/** Reads of one NonfungiblePositionManager; with `from`, an eth_call as that account (e.g. collect as the owner). */
export const positionManagerRead =
  (npm: Address) =>
  (functionName: string, args: ReadonlyArray<unknown>, from?: Address): ContractRead => ({
    address: npm,
    abi: nonfungiblePositionManagerAbi,
    functionName,
    args,
    ...(from === undefined ? {} : { from }),
  });
