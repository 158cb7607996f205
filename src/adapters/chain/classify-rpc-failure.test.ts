import {
  CallExecutionError,
  ContractFunctionExecutionError,
  ContractFunctionZeroDataError,
  HttpRequestError,
  LimitExceededRpcError,
  MethodNotFoundRpcError,
  RpcRequestError,
  TimeoutError,
} from 'viem';
import { appErrorOfRpcFailure, classifyRpcFailure } from './classify-rpc-failure';

const url = 'http://rpc.invalid';
const http = (status: number | undefined) => new HttpRequestError({ url, status, body: { method: 'eth_call' } });
const rpc = (code: number, message: string) => new RpcRequestError({ url, body: { method: 'eth_call' }, error: { code, message } });
const abi = [{ type: 'function', name: 'balanceOf', inputs: [], outputs: [{ type: 'uint256' }], stateMutability: 'view' }] as const;
/** As readContract throws them: the cause wrapped in a ContractFunctionExecutionError. */
const fromReadContract = (cause: RpcRequestError) =>
  new ContractFunctionExecutionError(new CallExecutionError(cause, {}), { abi, functionName: 'balanceOf', args: [] });

describe('classifyRpcFailure', () => {
  it.each([
    ['viem timeout', new TimeoutError({ url, body: {} }), 'timeout'],
    ['HTTP 408', http(408), 'timeout'],
    ['HTTP 429', http(429), 'rate-limited'],
    ['JSON-RPC limit exceeded (-32005)', new LimitExceededRpcError(rpc(-32005, 'limit exceeded')), 'rate-limited'],
    ['JSON-RPC execution reverted (3), through readContract', fromReadContract(rpc(3, 'execution reverted')), 'revert'],
    ['a call that returned no data', new ContractFunctionZeroDataError({ functionName: 'balanceOf' }), 'revert'],
    ['JSON-RPC method not found', new MethodNotFoundRpcError(rpc(-32601, 'the method eth_call does not exist')), 'rejected'],
    ['HTTP 400', http(400), 'rejected'],
    ['HTTP 503', http(503), 'transport'],
    ['no HTTP answer (connection refused)', http(undefined), 'transport'],
    ['not a viem error', new Error('socket hang up'), 'transport'],
  ])('%s is %s', (_, error, expected) => {
    expect(classifyRpcFailure(error)).toBe(expected);
  });

  it('maps each class to the AppError the HTTP edge answers with', () => {
    expect([http(503), http(400), new TimeoutError({ url, body: {} }), http(429), new ContractFunctionZeroDataError({ functionName: 'x' })].map((e) => appErrorOfRpcFailure(e)._tag)).toEqual([
      'RpcUnavailable',
      'RpcUnavailable',
      'Timeout',
      'UpstreamUnavailable',
      'UpstreamBadResponse',
    ]);
  });
});
