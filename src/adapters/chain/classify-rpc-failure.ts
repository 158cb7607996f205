import {
  BaseError,
  ContractFunctionRevertedError,
  ContractFunctionZeroDataError,
  HttpRequestError,
  LimitExceededRpcError,
  RawContractError,
  RpcRequestError,
  TimeoutError,
} from 'viem';
import type { AppError } from '../../domain/app-error';
import { CHAIN_READ, SEI_RPC } from '../../domain/errors/chain-unavailable';

/**
 * Why an RPC call failed:
 * - `revert`: the node ran the call and the contract reverted or returned nothing (the RPC is up);
 * - `timeout`: no answer in time (viem's timeout, HTTP 408);
 * - `rate-limited`: HTTP 429 or JSON-RPC "limit exceeded" (-32005);
 * - `rejected`: the node answered the request with an error of its own (unsupported method, HTTP 4xx), or viem
 *   could not use its answer;
 * - `transport`: unreachable, a dropped connection, HTTP 5xx or any other status without a JSON-RPC answer; an error
 *   that is not viem's.
 */
export type RpcFailure = 'revert' | 'timeout' | 'rate-limited' | 'rejected' | 'transport';

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

const EXECUTION_REVERTED = 3;

const isRevert = (error: BaseError): boolean =>
  error.walk(
    (e) =>
      e instanceof ContractFunctionRevertedError ||
      e instanceof ContractFunctionZeroDataError ||
      e instanceof RawContractError ||
      (isRecord(e) && e.code === EXECUTION_REVERTED),
  ) !== null || /execution reverted/i.test(error.message);

const httpStatusOf = (error: BaseError): number | undefined => {
  const http = error.walk((e) => e instanceof HttpRequestError);
  return http instanceof HttpRequestError ? (http.status ?? 0) : undefined;
};

/** Classifies a viem error once, so each caller maps the class and not the error's text. Not a viem error: transport. */
export const classifyRpcFailure = (error: unknown): RpcFailure => {
  if (!(error instanceof BaseError)) return 'transport';
  if (error.walk((e) => e instanceof TimeoutError) !== null) return 'timeout';
  const status = httpStatusOf(error);
  if (status === 408) return 'timeout';
  if (status === 429 || error.walk((e) => e instanceof LimitExceededRpcError || (e instanceof RpcRequestError && e.code === LimitExceededRpcError.code)) !== null) {
    return 'rate-limited';
  }
  if (status !== undefined) return status >= 400 && status < 500 ? 'rejected' : 'transport';
  if (isRevert(error)) return 'revert';
  return 'rejected';
};

/**
 * The AppError of a chain read that failed as a whole: unreachable or refused is RpcUnavailable, a timeout is Timeout,
 * a rate limit is UpstreamUnavailable (all three "chain unavailable": a stored copy may answer); a revert of the
 * engine's own calls (Multicall3 not at its address) is UpstreamBadResponse.
 */
export const rpcFailureToAppError = (failure: RpcFailure, cause: unknown): AppError => {
  switch (failure) {
    case 'timeout':
      return { _tag: 'Timeout', operation: CHAIN_READ };
    case 'rate-limited':
      return { _tag: 'UpstreamUnavailable', service: SEI_RPC, cause };
    case 'revert':
      return { _tag: 'UpstreamBadResponse', service: SEI_RPC, cause };
    case 'rejected':
    case 'transport':
      return { _tag: 'RpcUnavailable', cause };
  }
};

/** classifyRpcFailure, then rpcFailureToAppError. */
export const appErrorOfRpcFailure = (cause: unknown): AppError => rpcFailureToAppError(classifyRpcFailure(cause), cause);
