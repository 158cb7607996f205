import {
  hexToBigInt,
  numberToHex,
  parseGwei,
  TransactionReceiptNotFoundError,
  type Address,
  type Chain,
  type Hex,
  type HttpTransport,
  type PublicClient,
  type TransactionReceipt,
} from 'viem';
import type { JsonRpcClient } from './json-rpc-client';
import type { DevnetAccount } from './start-devnet';

export interface DevnetTransactionRequest {
  /** Omitted for a contract creation. */
  readonly to?: Address;
  readonly data?: Hex;
  readonly value?: bigint;
  /** Omitted: estimated (plus 10%) against the state before the first transaction of the group. */
  readonly gas?: bigint;
}

const PRIORITY_FEE = parseGwei('1');

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const isHex = (value: unknown): value is Hex => typeof value === 'string' && value.startsWith('0x');

const toQuantity = (value: unknown, what: string): bigint => {
  if (!isHex(value)) throw new Error(`expected a hex quantity for ${what}, got ${String(value)}`);
  return hexToBigInt(value);
};

export interface SendTogetherContext {
  readonly rpc: JsonRpcClient;
  /** A client whose transport batches concurrent calls into one HTTP request. */
  readonly batchingClient: PublicClient<HttpTransport, Chain>;
  readonly chainId: number;
}

const findReceipt = (client: PublicClient<HttpTransport, Chain>, hash: Hex): Promise<TransactionReceipt | undefined> =>
  client.getTransactionReceipt({ hash }).catch((error: unknown) => {
    if (error instanceof TransactionReceiptNotFoundError) return undefined;
    throw error;
  });

const toRpcRequest = (from: Address, request: DevnetTransactionRequest): Record<string, string> => ({
  from,
  ...(request.to === undefined ? {} : { to: request.to }),
  ...(request.data === undefined ? {} : { data: request.data }),
  ...(request.value === undefined ? {} : { value: numberToHex(request.value) }),
});

/**
 * Sends a group of transactions from one account as fast as the devnet allows: one batched round of
 * gas estimates, local signing with consecutive nonces, one batched round of eth_sendRawTransaction
 * with automine paused, then mining until every receipt exists. Restores the automine setting.
 * Transactions whose gas is estimated must not depend on earlier ones in the group (pass `gas` for those).
 * Throws when any transaction reverts. Callers serialise per sender (Devnet.sendTransactionsTogether does).
 */
export const sendTransactionsTogether = async (
  { rpc, batchingClient, chainId }: SendTogetherContext,
  from: DevnetAccount,
  requests: ReadonlyArray<DevnetTransactionRequest>,
): Promise<ReadonlyArray<TransactionReceipt>> => {
  if (requests.length === 0) return [];
  const needsEstimate = requests.map((request, index) => (request.gas === undefined ? index : -1)).filter((index) => index >= 0);
  const [nonceHex, latestBlock, wasAutomine, ...estimates] = await rpc.batch([
    { method: 'eth_getTransactionCount', params: [from.address, 'pending'] },
    { method: 'eth_getBlockByNumber', params: ['latest', false] },
    { method: 'hardhat_getAutomine' },
    ...needsEstimate.map((index) => ({ method: 'eth_estimateGas', params: [toRpcRequest(from.address, requests[index] ?? {})] })),
  ]);
  const nonce = Number(toQuantity(nonceHex, 'nonce'));
  const baseFee = isRecord(latestBlock) ? toQuantity(latestBlock.baseFeePerGas, 'baseFeePerGas') : 0n;
  const estimated = new Map(needsEstimate.map((requestIndex, i) => [requestIndex, toQuantity(estimates[i], 'gas estimate')]));

  const signed = await Promise.all(
    requests.map((request, index) => {
      const gas = request.gas ?? ((estimated.get(index) ?? 0n) * 11n) / 10n;
      return from.account.signTransaction({
        type: 'eip1559',
        chainId,
        nonce: nonce + index,
        gas,
        maxPriorityFeePerGas: PRIORITY_FEE,
        // Twice the base fee survives the base-fee rise across the few blocks the group may span.
        maxFeePerGas: baseFee * 2n + PRIORITY_FEE,
        ...(request.to === undefined ? {} : { to: request.to }),
        ...(request.data === undefined ? {} : { data: request.data }),
        ...(request.value === undefined ? {} : { value: request.value }),
      });
    }),
  );

  await rpc.request('evm_setAutomine', [false]);
  try {
    const hashes = (await rpc.batch(signed.map((raw) => ({ method: 'eth_sendRawTransaction', params: [raw] })))).map((hash) => {
      if (!isHex(hash)) throw new Error(`eth_sendRawTransaction answered ${String(hash)}`);
      return hash;
    });
    const receipts = new Map<Hex, TransactionReceipt>();
    // Each mined block takes as many transactions as fit under the block gas limit.
    for (let round = 0; round <= hashes.length && receipts.size < hashes.length; round++) {
      await rpc.request('evm_mine');
      const pending = hashes.filter((hash) => !receipts.has(hash));
      const found = await Promise.all(pending.map((hash) => findReceipt(batchingClient, hash)));
      found.forEach((receipt) => {
        if (receipt !== undefined) receipts.set(receipt.transactionHash, receipt);
      });
    }
    return hashes.map((hash, index) => {
      const receipt = receipts.get(hash);
      if (receipt === undefined) throw new Error(`transaction ${index} (${hash}) was never mined`);
      if (receipt.status !== 'success') throw new Error(`transaction ${index} (${hash}) reverted`);
      return receipt;
    });
  } finally {
    await rpc.request('evm_setAutomine', [wasAutomine === true]);
  }
};
