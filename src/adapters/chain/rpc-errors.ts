import { HttpRequestError, isHex, TimeoutError, type BaseError, type Hex } from 'viem';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The revert data a JSON-RPC error carries (`error.data`, or `error.data.data` on some nodes). */
export const revertDataOf = (error: BaseError): Hex | undefined => {
  const found = error.walk((e) => isRecord(e) && 'data' in e && (isHex(e.data) || (isRecord(e.data) && isHex(e.data.data))));
  if (!isRecord(found)) return undefined;
  const data = found.data;
  if (isHex(data)) return data;
  return isRecord(data) && isHex(data.data) ? data.data : undefined;
};

/** The RPC could not be reached or answered as a failing gateway does (5xx, 429, 408, network, timeout). */
export const isOutage = (error: BaseError): boolean =>
  error.walk((e) => e instanceof TimeoutError) !== null ||
  error.walk((e) => e instanceof HttpRequestError && (e.status === undefined || e.status >= 500 || e.status === 429 || e.status === 408)) !== null;

/** geth and Sei answer a revert with code 3, "execution reverted[: reason]". */
export const isRevert = (error: BaseError): boolean => error.walk((e) => isRecord(e) && e.code === 3) !== null || /execution reverted/i.test(error.message);

