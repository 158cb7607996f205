import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { multicall3Abi, type Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { CallAllAtBlock } from '../../services/tx/swap/ports';
import type { SeiClient } from './make-sei-client';

/**
 * CallAllAtBlock over Multicall3: every call in one aggregate3 eth_call at the block (each allowed to fail, answered
 * `undefined`), so a batch of reads costs one HTTP request whatever its size. RpcUnavailable when the call fails.
 */
export const makeCallAllAtBlock =
  (client: SeiClient, multicallAddress: Address): CallAllAtBlock =>
  (calls, blockNumber) =>
    calls.length === 0
      ? TE.right([])
      : pipe(
          TE.tryCatch(
            () =>
              client.readContract({
                address: multicallAddress,
                abi: multicall3Abi,
                functionName: 'aggregate3',
                args: [calls.map((call) => ({ target: call.to, allowFailure: true, callData: call.data }))],
                blockNumber,
              }),
            (cause): AppError => ({ _tag: 'RpcUnavailable', cause }),
          ),
          TE.map((results) => results.map((result) => (result.success ? result.returnData : undefined))),
        );
