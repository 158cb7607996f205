import * as TE from 'fp-ts/TaskEither';
import { BaseError, ContractFunctionRevertedError, ContractFunctionZeroDataError, parseAbi, type Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { SeiClient } from './make-sei-client';

export const ADDR_PRECOMPILE: Address = '0x0000000000000000000000000000000000001004';
const addrAbi = parseAbi(['function getEvmAddr(string addr) view returns (address)']);

const isRevert = (e: unknown): boolean =>
  e instanceof BaseError && e.walk((x) => x instanceof ContractFunctionRevertedError || x instanceof ContractFunctionZeroDataError) !== null;

/**
 * The EVM address associated with a sei1 address, through Sei's Addr precompile. A revert (or the zero address)
 * means no association; a transport failure is RpcUnavailable.
 */
export const resolveSeiAddress =
  (client: SeiClient) =>
  (bech32: string): TE.TaskEither<AppError, Address> =>
    TE.tryCatchK(
      () => client.readContract({ address: ADDR_PRECOMPILE, abi: addrAbi, functionName: 'getEvmAddr', args: [bech32] }),
      (cause): AppError => (isRevert(cause) ? { _tag: 'AddressNotAssociated', input: bech32 } : { _tag: 'RpcUnavailable', cause }),
    )();
