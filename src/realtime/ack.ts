import type { AppError } from '../domain/app-error';
import { toHttpError } from '../http/to-http-error';

/** The error half of an acknowledgement: the same stable codes as the REST API. */
export interface AckError {
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
}

/** What every client event is acknowledged with (API.md). */
export type Ack = { readonly ok: true; readonly data: unknown } | { readonly ok: false; readonly error: AckError };

export const ackOk = (data: unknown): Ack => ({ ok: true, data });
export const ackError = (error: AckError): Ack => ({ ok: false, error });

/** An AppError as an ack error, through the one error → code mapping of the HTTP edge. */
export const ackErrorOf = (e: AppError): AckError => {
  const http = toHttpError(e);
  return { code: http.code, message: http.message, ...(http.details === undefined ? {} : { details: http.details }) };
};

/** Errors only the realtime edge produces. */
export const subscriptionLimit = (max: number): AckError => ({
  code: 'SUBSCRIPTION_LIMIT',
  message: `A connection may follow at most ${max} wallets: unsubscribe from one first`,
});
export const rateLimited = (retryAfterSeconds: number): AckError => ({
  code: 'RATE_LIMITED',
  message: `Too many events: slow down (retry in ${retryAfterSeconds}s)`,
  details: { retryAfterSeconds },
});
export const internalError = (): AckError => ({ code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' });

/** The acknowledgement callback among an event's arguments (Socket.IO passes it last), if the client asked for one. */
export const ackCallbackOf = (args: ReadonlyArray<unknown>): ((ack: Ack) => void) | undefined => {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (ack: Ack) => (last as (a: Ack) => void)(ack) : undefined;
};
