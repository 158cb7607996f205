import type { RequestHandler } from 'express';
import { sendError } from '../envelope';
import { toHttpError } from '../to-http-error';

/** Answers 503 TIMEOUT when a handler has not responded within `timeoutMs`. */
export const requestTimeout = (timeoutMs: number): RequestHandler => (req, res, next) => {
  const timer = setTimeout(() => {
    if (!res.headersSent) sendError(res, toHttpError({ _tag: 'Timeout', operation: `${req.method} ${req.path}` }));
  }, timeoutMs);
  timer.unref();
  res.on('close', () => clearTimeout(timer));
  next();
};
