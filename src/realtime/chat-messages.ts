import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import { ChatMessagePayload } from '../domain/socket/socket-events-contract';
import { isChatAborted, type ChatReply, type ChatService } from '../services/chat/chat-service';
import type { Logger } from '../services/ports/logger';
import { ackErrorOf, clientGone, type AckError } from './ack';
import { onEvent } from './on-event';
import type { RealtimeSocket } from './socket-events';

export interface ChatMessageDeps {
  readonly chat: ChatService;
  readonly logger: Logger;
}


const signInFirst = ackErrorOf({ _tag: 'Unauthorized', code: 'UNAUTHORIZED', message: 'Sign in first: connect with auth: { token }' });

/** The `chat_response` payload: the complete answer, stamped with when it was written. */
const toChatResponse = (reply: ChatReply) => ({ ...reply, timestamp: reply.createdAt });

/**
 * Socket.IO `chat_message` `{ message }` (token required): `chat_chunk` events as the answer is written, then
 * `chat_response`; acknowledged `{ ok: true, data: reply }` or `{ ok: false, error: { code, message } }` with the REST
 * codes (UNAUTHORIZED, VALIDATION_ERROR, AI_RATE_LIMITED, AI_BUDGET_EXCEEDED, …). A socket that disconnects
 * mid-answer aborts the model request and nothing is stored.
 */
export const registerChatMessages = (deps: ChatMessageDeps) => (socket: RealtimeSocket): void => {
  const answering = new Set<AbortController>();
  socket.on('disconnect', () => answering.forEach((controller) => controller.abort()));

  const answer = (message: string): TE.TaskEither<AckError, ChatReply> => {
    const session = socket.data.session;
    if (session === null) return TE.left(signInFirst);
    const controller = new AbortController();
    const reply = pipe(
      deps.chat.send(session.wallet, { message }, { stream: { onChunk: (id, delta) => socket.emit('chat_chunk', { id, delta }) }, signal: controller.signal }),
      TE.tap((done) => TE.fromIO(() => socket.emit('chat_response', toChatResponse(done)))),
      TE.mapLeft((e) => (isChatAborted(e) ? clientGone() : ackErrorOf(e))),
    );
    return () => {
      answering.add(controller);
      return reply().finally(() => answering.delete(controller));
    };
  };

  onEvent(socket, 'chat_message', ChatMessagePayload, ({ message }) => answer(message), deps.logger);
};
