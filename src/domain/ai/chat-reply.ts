import * as t from 'io-ts';
import { LinkedSuggestionCodec } from './suggestions-answer';

/** A finished chat turn as REST (`/api/chat/*`) and the socket ack answer it. */
export const ChatReplyCodec = t.type({
  id: t.string,
  response: t.string,
  suggestions: t.readonlyArray(t.string),
  toolCalls: t.readonlyArray(t.type({ name: t.string, arguments: t.unknown })),
  provider: t.string,
  model: t.string,
  createdAt: t.string,
  /** Actions the server backs with a prepare link (repay to a safe health factor, withdraw idle collateral). */
  actions: t.readonlyArray(LinkedSuggestionCodec),
});
