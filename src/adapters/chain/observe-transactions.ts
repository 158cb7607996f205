import * as TE from 'fp-ts/TaskEither';
import { getAddress, hexToBigInt, type PublicClient, type RpcTransaction, type RpcTransactionReceipt } from 'viem';
import type { AppError } from '../../domain/app-error';
import type { TxObservation } from '../../domain/tx/track/tracked-transaction';
import type { TxHash } from '../../domain/address/tx-hash';
import type { TxObserver } from '../../services/tx/track/ports';

const toObservation = (receipt: RpcTransactionReceipt | null, tx: RpcTransaction | null): TxObservation => {
  if (receipt !== null) {
    return {
      kind: 'mined',
      from: getAddress(receipt.from),
      to: receipt.to === null ? null : getAddress(receipt.to),
      input: tx?.input ?? '0x',
      blockNumber: hexToBigInt(receipt.blockNumber),
      gasUsed: hexToBigInt(receipt.gasUsed),
      succeeded: receipt.status === '0x1',
    };
  }
  // Known to the node but without a receipt yet (in its mempool, or mined a moment ago): still pending.
  if (tx !== null) return { kind: 'in_mempool', from: getAddress(tx.from), to: tx.to === null ? null : getAddress(tx.to), input: tx.input };
  return { kind: 'unknown' };
};

/**
 * The node's view of tracked hashes: `eth_getTransactionReceipt` and `eth_getTransactionByHash` for each, issued
 * together so that the client's JSON-RPC batching sends them in one HTTP request. Any failure is RpcUnavailable.
 */
export const makeTxObserver = (client: PublicClient): TxObserver => ({
  observe: (hashes) =>
    TE.tryCatch(
      async () =>
        new Map(
          await Promise.all(
            hashes.map(async (hash): Promise<readonly [TxHash, TxObservation]> => {
              const [receipt, tx] = await Promise.all([
                client.request({ method: 'eth_getTransactionReceipt', params: [hash] }),
                client.request({ method: 'eth_getTransactionByHash', params: [hash] }),
              ]);
              return [hash, toObservation(receipt, tx)];
            }),
          ),
        ),
      (cause): AppError => ({ _tag: 'RpcUnavailable', cause }),
    ),
});
