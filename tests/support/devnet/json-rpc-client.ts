export interface JsonRpcCall {
  readonly method: string;
  readonly params?: ReadonlyArray<unknown>;
}

export interface JsonRpcClient {
  /** One call in one HTTP request; throws `JsonRpcError` when the node answers an error. */
  readonly request: (method: string, params?: ReadonlyArray<unknown>) => Promise<unknown>;
  /** Many calls in one HTTP request (a JSON-RPC batch); results in call order; throws on the first error. */
  readonly batch: (calls: ReadonlyArray<JsonRpcCall>) => Promise<ReadonlyArray<unknown>>;
}

export class JsonRpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: number,
    message: string,
    readonly data: unknown,
  ) {
    super(`${method} failed (${code}): ${message}`);
    this.name = 'JsonRpcError';
  }
}

interface JsonRpcResponse {
  readonly id: number;
  readonly result?: unknown;
  readonly error?: { readonly code: number; readonly message: string; readonly data?: unknown };
}

const isResponse = (value: unknown): value is JsonRpcResponse =>
  typeof value === 'object' && value !== null && 'id' in value && typeof value.id === 'number';

/** A bare JSON-RPC client for node-specific methods (hardhat_*, evm_*) that viem's typed clients do not know. */
export const makeJsonRpcClient = (url: string): JsonRpcClient => {
  const post = async (body: unknown): Promise<unknown> => {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!response.ok) throw new Error(`JSON-RPC HTTP ${response.status} from ${url}`);
    return response.json();
  };

  const unwrap = (call: JsonRpcCall, response: JsonRpcResponse | undefined): unknown => {
    if (response === undefined) throw new Error(`no JSON-RPC response for ${call.method}`);
    if (response.error !== undefined) {
      throw new JsonRpcError(call.method, response.error.code, response.error.message, response.error.data);
    }
    return response.result;
  };

  const request = async (method: string, params: ReadonlyArray<unknown> = []): Promise<unknown> => {
    const body = await post({ jsonrpc: '2.0', id: 1, method, params });
    return unwrap({ method, params }, isResponse(body) ? body : undefined);
  };

  const batch = async (calls: ReadonlyArray<JsonRpcCall>): Promise<ReadonlyArray<unknown>> => {
    if (calls.length === 0) return [];
    const body = await post(calls.map((call, id) => ({ jsonrpc: '2.0', id, method: call.method, params: call.params ?? [] })));
    const responses = Array.isArray(body) ? body.filter(isResponse) : [];
    const byId = new Map(responses.map((response) => [response.id, response]));
    return calls.map((call, id) => unwrap(call, byId.get(id)));
  };

  return { request, batch };
};
