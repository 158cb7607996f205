import type { Response } from 'express';
import type { HttpError } from './to-http-error';

/** Sends `{ success: true, data }`. */
export const sendOk = <A>(res: Response, data: A, status = 200): void => {
  res.status(status).json({ success: true, data });
};

/** Sends `{ success: false, error: { code, message, details? } }` with Retry-After when given. */
export const sendError = (res: Response, e: HttpError): void => {
  if (e.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(Math.max(1, Math.ceil(e.retryAfterSeconds))));
  res.status(e.status).json({
    success: false,
    error: { code: e.code, message: e.message, ...(e.details === undefined ? {} : { details: e.details }) },
  });
};
