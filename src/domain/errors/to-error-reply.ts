import type { AppError } from '../app-error';

/**
 * How an AppError is told to a client, over HTTP and in Socket.IO acks alike: the stable `code`, a safe `message`
 * (never the cause) and `details`; `status` and `retryAfterSeconds` are what the HTTP edge also sends (API.md).
 */
export interface ErrorReply {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
  readonly retryAfterSeconds?: number;
}

const assertNever = (x: never): never => {
  throw new Error(`unmapped error tag: ${JSON.stringify(x)}`);
};

/** The one mapping from an error tag to its status, stable code and safe message; the compiler checks it is exhaustive. */
export const toErrorReply = (e: AppError): ErrorReply => {
  switch (e._tag) {
    case 'ValidationFailed':
      return { status: 400, code: 'VALIDATION_ERROR', message: 'The request is not valid', details: e.details };
    case 'InvalidAddress':
      return { status: 400, code: 'INVALID_ADDRESS', message: 'Not a valid 0x or sei1 address', details: [{ path: 'address', expected: '0x… or sei1… address' }] };
    case 'AddressNotAssociated':
      return { status: 422, code: 'ADDRESS_NOT_ASSOCIATED', message: 'This sei1 address has no associated EVM address' };
    case 'NotFound':
      return { status: 404, code: 'NOT_FOUND', message: `${e.resource} not found` };
    case 'Conflict':
      return { status: 409, code: 'CONFLICT', message: e.message };
    case 'Unauthorized':
      return { status: 401, code: e.code, message: e.message };
    case 'Forbidden':
      return { status: 403, code: 'FORBIDDEN', message: e.message };
    case 'NotOwner':
      return { status: 403, code: 'NOT_OWNER', message: `The signed-in wallet does not own this ${e.resource}` };
    case 'UnprocessableTx':
      return { status: 422, code: e.code, message: e.message };
    case 'PayloadTooLarge':
      return { status: 413, code: 'PAYLOAD_TOO_LARGE', message: `The body exceeds ${e.limitBytes} bytes` };
    case 'UnsupportedMediaType':
      return {
        status: 415,
        code: 'UNSUPPORTED_MEDIA_TYPE',
        message: e.what === 'charset' ? 'Unsupported charset: send UTF-8' : 'Unsupported content encoding: send identity, gzip, deflate or br',
      };
    case 'UnreadableRequest':
      return { status: 400, code: 'BAD_REQUEST', message: 'The request could not be read' };
    case 'RateLimited':
      return { status: 429, code: e.code, message: 'Too many requests, retry later', retryAfterSeconds: e.retryAfterSeconds };
    case 'RpcUnavailable':
      return { status: 503, code: 'RPC_UNAVAILABLE', message: 'The Sei RPC is unreachable and no stored copy exists' };
    case 'UpstreamBadResponse':
      return { status: 502, code: 'UPSTREAM_BAD_RESPONSE', message: `${e.service} answered badly` };
    case 'UpstreamUnavailable':
      return {
        status: 503,
        code: 'UPSTREAM_UNAVAILABLE',
        message: `${e.service} is unreachable`,
        ...(e.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: e.retryAfterSeconds }),
      };
    case 'DependencyUnavailable':
      return { status: 503, code: 'SERVICE_UNAVAILABLE', message: `${e.dependency} is unavailable` };
    case 'Timeout':
      return { status: 503, code: 'TIMEOUT', message: 'The request took too long' };
    default:
      return assertNever(e);
  }
};
