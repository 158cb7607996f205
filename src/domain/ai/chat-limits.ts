/** Longest chat message a user may send (longer is 400). */
export const MAX_CHAT_MESSAGE_LENGTH = 2000;
/** Stored messages a model sees before the new one. */
export const CHAT_HISTORY_WINDOW = 10;
/** Longest stored message replayed to a model (older answers can be long). */
export const MAX_REPLAYED_MESSAGE_LENGTH = 4000;
/** Longest `concept`, `context`, `strategy` or goal accepted by the AI endpoints. */
export const MAX_AI_TEXT_LENGTH = 2000;
