import * as E from 'fp-ts/Either';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { ChatAborted, ChatReply, ChatService } from './chat-service';

/** Where a realtime transport sends a streamed answer. */
export interface ChatEmitter {
  readonly chunk: (id: string, delta: string) => void;
  readonly done: (response: ChatReplyEvent) => void;
}

/** The `chat_response` payload: the complete answer. */
export interface ChatReplyEvent extends ChatReply {
  readonly timestamp: string;
}

/** The chat reply as a `chat_response` event. */
export const toChatReplyEvent = (reply: ChatReply): ChatReplyEvent => ({ ...reply, timestamp: reply.createdAt });

/**
 * The Socket.IO `chat_message` handler, transport-free: streams `chunk`s then one `done` with the full answer.
 * `message` is what the client sent (validated here: a non-empty string of at most 2000 characters). Resolves with the
 * reply (for the ack), an AppError (ack it with `toHttpError(e).code`: 400 / 429 AI_RATE_LIMITED / AI_BUDGET_EXCEEDED /
 * 503), or ChatAborted when `signal` fired (the socket left): nothing was stored and nothing should be acked.
 */
export const handleChatMessage =
  (deps: { readonly chat: ChatService }) =>
  async (wallet: WalletAddress, message: unknown, emit: ChatEmitter, signal: AbortSignal): Promise<E.Either<AppError | ChatAborted, ChatReply>> => {
    if (typeof message !== 'string') return E.left({ _tag: 'ValidationFailed', details: [{ path: 'message', expected: 'string' }] });
    const result = await deps.chat.send(wallet, { message }, { stream: { onChunk: emit.chunk }, signal })();
    if (E.isRight(result)) emit.done(toChatReplyEvent(result.right));
    return result;
  };
