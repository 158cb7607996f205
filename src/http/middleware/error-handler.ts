import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../../infra/logging/logger';
import { sendError } from '../envelope';
import { toHttpError } from '../to-http-error';
import { unreadableRequestOf } from './unreadable-request';

/** JSON 404 for every unmatched route. */
export const notFoundHandler = (): RequestHandler => (req, res) => {
  sendError(res, { status: 404, code: 'NOT_FOUND', message: `No route for ${req.method} ${req.path}` });
};

const reasonOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * The last handler, so no error ever reaches Express's default one (which prints a stack outside the JSON log):
 * a request the client got wrong (bad escape, bad body, unknown encoding) is answered 4xx and logged at warn;
 * anything else is a bug, logged with the request id and answered 500 without internals. An error that comes
 * after the answer was sent (e.g. past the request timeout) is only logged, and a half-sent answer is cut.
 */
export const errorHandler =
  (logger: Logger, maxRequestSizeBytes: number): ErrorRequestHandler =>
  (err: unknown, req, res, _next) => {
    const afterAnswer = res.headersSent;
    const context = { requestId: res.locals['requestId'], method: req.method, path: req.path, ...(afterAnswer ? { afterAnswer } : {}) };
    const unreadable = unreadableRequestOf(err, req, maxRequestSizeBytes);
    if (unreadable === undefined) {
      logger.error('unhandled error in request', { ...context, error: err });
      sendError(res, { status: 500, code: 'INTERNAL_ERROR', message: 'Something went wrong on our side; the request id identifies it in our logs' });
    } else {
      const answer = toHttpError(unreadable);
      logger.warn('request refused: it could not be read', { ...context, status: answer.status, code: answer.code, reason: reasonOf(err) });
      sendError(res, answer);
    }
    if (afterAnswer && !res.writableEnded) res.destroy();
  };
