import type { Response } from 'express';
import type { HttpError } from './to-http-error';

/** Sends `{ success: true, data }`; does nothing once an answer was sent (e.g. the request timed out meanwhile). */
export const sendOk = <A>(res: Response, data: A, status = 200): void => {
  if (res.headersSent) return;
  res.status(status).json({ success: true, data });
};

/**
 * Sends `{ success: false, error: { code, message, details? } }` with Retry-After when given. The one place errors
 * are sent: once an answer was sent (e.g. the 503 of the request timeout), a late error is dropped here instead
 * of throwing ERR_HTTP_HEADERS_SENT.
 */
export const sendError = (res: Response, e: HttpError): void => {
  if (res.headersSent) return;
  if (e.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(e.retryAfterSeconds))));
  res.status(e.status).json({
    success: false,
    error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) },
  });
};
