import { isHex, type BaseError, type Hex } from 'viem';
import { classifyRpcFailure } from './classify-rpc-failure';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The revert data a JSON-RPC error carries (`error.data`, or `error.data.data` on some nodes). */
export const revertDataOf = (error: BaseError): Hex | undefined => {
  const found = error.walk((e) => isRecord(e) && 'data' in e && (isHex(e.data) || (isRecord(e.data) && isHex(e.data.data))));
  if (!isRecord(found)) return undefined;
  const data = found.data;
  if (isHex(data)) return data;
  return isRecord(data) && isHex(data.data) ? data.data : undefined;
};

/** The RPC could not be reached or answered as a failing gateway does (5xx, 429, 408, -32005, network, timeout). */
export const isOutage = (error: BaseError): boolean => {
  const failure = classifyRpcFailure(error);
  return failure === 'timeout' || failure === 'rate-limited' || failure === 'transport';
};

/** geth and Sei answer a revert with code 3, "execution reverted[: reason]"; a call that returned no data is one too. */
export const isRevert = (error: BaseError): boolean => classifyRpcFailure(error) === 'revert';
