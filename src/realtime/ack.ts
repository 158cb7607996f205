import type { AppError } from '../domain/app-error';
import { toErrorReply } from '../domain/errors/to-error-reply';

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

/** An AppError as an ack error, through the one error → code mapping the REST API uses too. */
export const ackErrorOf = (e: AppError): AckError => {
  const reply = toErrorReply(e);
  return { code: reply.code, message: reply.message, ...(reply.details === undefined ? {} : { details: reply.details }) };
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
/** The socket disconnected before its answer was complete; Socket.IO drops an ack to a closed socket, so no client sees it. */
export const clientGone = (): AckError => ({ code: 'CLIENT_GONE', message: 'The connection closed before the answer was complete' });

/** The acknowledgement callback among an event's arguments (Socket.IO passes it last), if the client asked for one. */
export const ackCallbackOf = (args: ReadonlyArray<unknown>): ((ack: Ack) => void) | undefined => {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (ack: Ack) => (last as (a: Ack) => void)(ack) : undefined;
};
