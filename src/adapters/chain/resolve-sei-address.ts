import * as TE from 'fp-ts/TaskEither';
import { parseAbi, type Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import { classifyRpcFailure, rpcFailureToAppError } from './classify-rpc-failure';
import type { SeiClient } from './make-sei-client';

export const ADDR_PRECOMPILE: Address = '0x0000000000000000000000000000000000001004';
const addrAbi = parseAbi(['function getEvmAddr(string addr) view returns (address)']);

/**
 * The EVM address associated with a sei1 address, through Sei's Addr precompile. A revert (or the zero address)
 * means no association; any other failure is the RPC's (rpcFailureToAppError).
 */
export const resolveSeiAddress =
  (client: SeiClient) =>
  (bech32: string): TE.TaskEither<AppError, Address> =>
    TE.tryCatchK(
      () => client.readContract({ address: ADDR_PRECOMPILE, abi: addrAbi, functionName: 'getEvmAddr', args: [bech32] }),
      (cause): AppError => {
        const failure = classifyRpcFailure(cause);
        return failure === 'revert' ? { _tag: 'AddressNotAssociated', input: bech32 } : rpcFailureToAppError(failure, cause);
      },
    )();
