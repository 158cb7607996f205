import type { AppError } from '../domain/app-error';
import { toErrorReply, type ErrorReply } from '../domain/errors/to-error-reply';

/** An error answer over HTTP: envelope.ts's sendError sends `status` and `Retry-After`, and the rest in the envelope. */
export type HttpError = ErrorReply;

/** The one exhaustive mapping (domain/errors/to-error-reply.ts, shared with the Socket.IO acks), as the HTTP edge uses it. */
export const toHttpError = (e: AppError): HttpError => toErrorReply(e);
