import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import { toValidationIssues } from '../domain/errors/validation-issues';
import type { Logger } from '../services/ports/logger';
import { ackCallbackOf, ackError, ackOk, internalError, type AckError } from './ack';
import type { RealtimeSocket } from './socket-events';

/** A client event's logic: the decoded payload in, the ack's `data` or error out. */
export type EventHandler<A> = (payload: A, socket: RealtimeSocket) => TE.TaskEither<AckError, unknown>;

/**
 * Registers a client event on `socket`: decodes the payload (the first argument) with `codec`, runs `handler`, and
 * acknowledges `{ ok: true, data }` or `{ ok: false, error: { code, message } }` (VALIDATION_ERROR with details for a
 * bad payload). A handler that throws is a bug: logged, acknowledged INTERNAL_ERROR, the socket stays up.
 * Rate limiting happens before, for every event (see event-rate-limit.ts).
 */
export const onEvent = <A>(socket: RealtimeSocket, event: string, codec: t.Decoder<unknown, A>, handler: EventHandler<A>, logger: Logger): void => {
  socket.on(event, (...args: unknown[]) => {
    const ack = ackCallbackOf(args) ?? (() => undefined);
    const payload = typeof args[0] === 'function' ? undefined : args[0];
    const decoded = codec.decode(payload);
    if (E.isLeft(decoded)) {
      ack(ackError({ code: 'VALIDATION_ERROR', message: `The ${event} payload is not valid`, details: toValidationIssues('payload', decoded.left) }));
      return;
    }
    handler(decoded.right, socket)().then(
      (result) => ack(E.isRight(result) ? ackOk(result.right) : ackError(result.left)),
      (cause: unknown) => {
        logger.error('socket event handler threw', { event, socketId: socket.id, cause });
        ack(ackError(internalError()));
      },
    );
  });
};
