import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../infra/logging/logger';
import { sendError } from '../envelope';
import { toHttpError } from '../to-http-error';

const hasType = (e: unknown): e is { type: string; status?: number; limit?: number } =>
  typeof e === 'object' && e !== null && 'type' in e && typeof (e as { type: unknown }).type === 'string';

/** JSON 404 for every unmatched route. */
export const notFoundHandler = (): RequestHandler => (req, res) => {
  sendError(res, { status: 404, code: 'NOT_FOUND', message: `No route for ${req.method} ${req.path}` });
};

/** The last handler: body-parser errors become 4xx; anything else is a bug, logged with the request id and answered 500 without internals. */
export const errorHandler = (logger: Logger, maxRequestSizeBytes: number): ErrorRequestHandler => (err: unknown, req, res, next) => {
  if (res.headersSent) return next(err);
  if (hasType(err) && err.type === 'entity.too.large') {
    return sendError(res, toHttpError({ _tag: 'PayloadTooLarge', limitBytes: maxRequestSizeBytes }));
  }
  if (hasType(err) && err.type === 'entity.parse.failed') {
    return sendError(res, toHttpError({ _tag: 'ValidationFailed', details: [{ path: 'body', expected: 'valid JSON' }] }));
  }
  if (hasType(err) && err.status !== undefined && err.status >= 400 && err.status < 500) {
    return sendError(res, { status: err.status, code: 'BAD_REQUEST', message: 'The request could not be read' });
  }
  logger.error('unhandled error in request', { requestId: res.locals['requestId'], method: req.method, path: req.path, error: err });
  sendError(res, { status: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; the request id identifies it in our logs' });
};
