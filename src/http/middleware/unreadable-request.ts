import type { Request } from 'express';
import type { AppError } from '../../domain/app-error';

interface HttpLikeError {
  readonly status?: unknown;
  readonly type?: unknown;
}

const isObject = (e: unknown): e is HttpLikeError => typeof e === 'object' && e !== null;

/**
 * The client's mistake behind an error raised before any route ran (body-parser, Express's path decoding), or
 * undefined when the error is not one (a bug). Body-parser tags its errors with `type`; Express 5 throws a URIError
 * with status 400 for a path parameter that is not valid percent-encoded UTF-8; a body that fails to inflate
 * carries status 400 and zlib's code but no type.
 */
export const unreadableRequestOf = (err: unknown, req: Request, maxRequestSizeBytes: number): AppError | undefined => {
  if (!isObject(err)) return undefined;
  switch (err.type) {
    case 'entity.too.large':
      return { _tag: 'PayloadTooLarge', limitBytes: maxRequestSizeBytes };
    case 'entity.parse.failed':
      return { _tag: 'ValidationFailed', details: [{ path: 'body', expected: 'valid JSON' }] };
    case 'encoding.unsupported':
      return { _tag: 'UnsupportedMediaType', what: 'content encoding' };
    case 'charset.unsupported':
      return { _tag: 'UnsupportedMediaType', what: 'charset' };
  }
  if (typeof err.status !== 'number' || err.status < 400 || err.status >= 500) return undefined;
  if (err instanceof URIError) return { _tag: 'ValidationFailed', details: [{ path: 'params', expected: 'valid percent-encoded UTF-8' }] };
  if (err.type === undefined && req.get('content-encoding') !== undefined) {
    return { _tag: 'ValidationFailed', details: [{ path: 'body', expected: 'a body encoded as its Content-Encoding says' }] };
  }
  return { _tag: 'UnreadableRequest', reason: err instanceof Error ? err.message : String(err.type) };
};
