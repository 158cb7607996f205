import type { ChatStreamHooks } from './chat-service';

/** One reply's stream: opened once, then fed deltas; it remembers whether any text went out. */
export interface ReplyStream {
  /** Opens the stream (onStart), once; later calls do nothing. */
  readonly open: () => void;
  /** Sends a non-empty delta (opening the stream first). */
  readonly emit: (delta: string) => void;
  /** Whether any text was sent: a partly streamed model answer is then completed by `done`, not re-sent. */
  readonly hasText: () => boolean;
}

/** The stream of reply `id` over the client's hooks; without hooks, it only keeps count of what would have been sent. */
export const makeReplyStream = (id: string, hooks: ChatStreamHooks | undefined): ReplyStream => {
  let isOpen = false;
  let sent = '';
  const open = () => {
    if (!isOpen) hooks?.onStart?.(id);
    isOpen = true;
  };
  return {
    open,
    emit: (delta) => {
      if (delta === '') return;
      open();
      sent += delta;
      hooks?.onChunk(id, delta);
    },
    hasText: () => sent !== '',
  };
};
