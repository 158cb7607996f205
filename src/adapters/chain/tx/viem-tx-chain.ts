import * as TE from 'fp-ts/TaskEither';
import { BaseError, erc20Abi, hexToBigInt, numberToHex, type Address, type Hex } from 'viem';
import type { AppError } from '../../../domain/app-error';
import type { RevertEvidence } from '../../../domain/tx/decode-revert';
import type { CallOutcome, CallRequest, GasEstimate, StorageOverride, TxChain } from '../../../services/tx/ports';
import type { SeiClient } from '../make-sei-client';
import { isOutage, isRevert, revertDataOf } from '../rpc-errors';

// The node's refusal to move more native coin than the sender holds is a failed dry run, not a broken RPC.
const NATIVE_FUNDS = /insufficient funds|doesn't have enough funds/i;

const blockTag = (blockNumber: bigint): Hex => numberToHex(blockNumber);

const rpcTransaction = (call: CallRequest) => ({ from: call.from, to: call.to, data: call.data, value: numberToHex(call.value) });

/** geth's state-override set: per address, the storage words to replace (`stateDiff`). */
const stateOverrideSet = (overrides: ReadonlyArray<StorageOverride>): Record<Address, { stateDiff: Record<Hex, Hex> }> => {
  const set: Record<Address, { stateDiff: Record<Hex, Hex> }> = {};
  for (const o of overrides) set[o.address] = { stateDiff: { ...(set[o.address]?.stateDiff ?? {}), [o.slot]: o.value } };
  return set;
};

const messageOf = (error: unknown): string => {
  const text = error instanceof BaseError ? (error.details || error.shortMessage) : error instanceof Error ? error.message : String(error);
  return (text.split('\n')[0] ?? text).slice(0, 300);
};

type Failure = { readonly kind: 'reverted'; readonly evidence: RevertEvidence } | { readonly kind: 'refused'; readonly reason: string } | { readonly kind: 'outage'; readonly cause: unknown };

/** A failed dry run: an outage (RpcUnavailable), a revert or a funds refusal (an answer), or the RPC refusing the request. */
const classify = (error: unknown): Failure => {
  if (!(error instanceof BaseError)) return { kind: 'outage', cause: error };
  if (isOutage(error)) return { kind: 'outage', cause: error };
  const data = revertDataOf(error);
  const message = messageOf(error);
  if (data !== undefined || isRevert(error) || NATIVE_FUNDS.test(message)) return { kind: 'reverted', evidence: { ...(data === undefined ? {} : { data }), message } };
  return { kind: 'refused', reason: message };
};

const unavailable = (cause: unknown): AppError => ({ _tag: 'RpcUnavailable', cause });

/**
 * A failed read that must succeed: the RPC's fault (RpcUnavailable, counted by the RPC circuit) when it is out of reach,
 * else the contract's (a revert, a garbled answer: 502, not counted against the RPC).
 */
export const readFailure = (cause: unknown): AppError =>
  cause instanceof BaseError && !isOutage(cause) ? { _tag: 'UpstreamBadResponse', service: 'a contract read', cause } : unavailable(cause);

const read = <A>(run: () => Promise<A>): TE.TaskEither<AppError, A> => TE.tryCatch(run, readFailure);

/** Runs a dry run, turning reverts and refusals into answers and outages into RpcUnavailable. */
const dryRun = <A>(run: () => Promise<A>, onFailure: (f: Exclude<Failure, { kind: 'outage' }>) => A): TE.TaskEither<AppError, A> => async () => {
  try {
    return { _tag: 'Right', right: await run() };
  } catch (error) {
    const failure = classify(error);
    return failure.kind === 'outage' ? { _tag: 'Left', left: unavailable(failure.cause) } : { _tag: 'Right', right: onFailure(failure) };
  }
};

/**
 * The engine's chain port on the app's viem client. Dry runs are raw JSON-RPC requests (eth_call with a state-override
 * set as third parameter, eth_estimateGas at a block) so that nothing else is asked of the node and they batch with
 * the other requests of the same tick.
 */
export const makeViemTxChain = (client: SeiClient): TxChain => ({
  latestBlockNumber: () => read(() => client.getBlockNumber({ cacheTime: 0 })),
  allowance: (token, owner, spender, blockNumber) => read(() => client.readContract({ address: token, abi: erc20Abi, functionName: 'allowance', args: [owner, spender], blockNumber })),
  nativeBalance: (wallet, blockNumber) => read(() => client.getBalance({ address: wallet, blockNumber })),
  tokenBalance: (token, wallet, blockNumber) => read(() => client.readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [wallet], blockNumber })),
  gasPrice: () => read(() => client.getGasPrice()),
  callAt: (call, blockNumber, overrides) =>
    dryRun<CallOutcome>(
      async () => {
        const params = overrides.length === 0 ? [rpcTransaction(call), blockTag(blockNumber)] : [rpcTransaction(call), blockTag(blockNumber), stateOverrideSet(overrides)];
        const data = await client.request({ method: 'eth_call', params: params as never });
        return { kind: 'returned', data };
      },
      (failure) => failure,
    ),
  estimateGasAt: (call, blockNumber) =>
    dryRun<GasEstimate>(
      async () => {
        const gas = await client.request({ method: 'eth_estimateGas', params: [rpcTransaction(call), blockTag(blockNumber)] as never });
        return { kind: 'estimated', gas: hexToBigInt(gas) };
      },
      (failure) => (failure.kind === 'reverted' ? failure : { kind: 'reverted', evidence: { message: failure.reason } }),
    ),
});

