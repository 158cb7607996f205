import * as t from 'io-ts';
import { MAX_CHAT_MESSAGE_LENGTH } from '../ai/chat-limits';
import { boundedTextCodec } from '../ai/answer-text';
import { ChatReplyCodec } from '../ai/chat-reply';
import { PortfolioCodec } from '../portfolio/portfolio';
import { NoPayload, PricesPayload, WalletPayload } from './socket-codecs';

/**
 * The Socket.IO contract of API.md as codecs: what the server emits, and what each client event carries and is
 * acknowledged with. The AsyncAPI document (/api/docs/asyncapi.json) is generated from these.
 */
const NullableNumber = t.union([t.number, t.null]);

export const PortfolioUpdateCodec = t.type({
  walletAddress: t.string,
  type: t.keyof({ snapshot: null, balance_change: null, position_update: null }),
  data: PortfolioCodec,
  changes: t.readonlyArray(t.type({ path: t.string, before: t.unknown, after: t.unknown })),
  blockNumber: t.number,
  timestamp: t.string,
});

export const PriceUpdateCodec = t.type({
  prices: t.record(t.string, t.type({ usd: t.number, change24h: NullableNumber, updatedAt: t.string })),
  timestamp: t.string,
});

export const TransactionUpdateCodec = t.intersection([
  t.type({ hash: t.string, status: t.keyof({ pending: null, confirmed: null, failed: null, dropped: null }), timestamp: t.string }),
  t.partial({ blockNumber: t.number, action: t.string }),
]);

export const RiskAlertCodec = t.type({
  id: t.string,
  type: t.string,
  severity: t.keyof({ info: null, warning: null, critical: null }),
  message: t.string,
  walletAddress: t.string,
  metadata: t.UnknownRecord,
  timestamp: t.string,
});

export const ChatChunkCodec = t.type({ id: t.string, delta: t.string });
export const ChatResponseCodec = t.intersection([ChatReplyCodec, t.type({ timestamp: t.string })]);
export const SystemMessageCodec = t.type({ type: t.keyof({ info: null, warning: null, error: null }), message: t.string, timestamp: t.string });

/** Server → client events and their payloads. */
export const SERVER_EVENTS = {
  portfolio_update: { summary: 'A snapshot on subscribe, then every change a fresh read finds', payload: PortfolioUpdateCodec },
  price_update: { summary: 'The prices that moved since the previous tick', payload: PriceUpdateCodec },
  transaction_update: { summary: "A tracked transaction's status changed (signed-in sockets of its wallet)", payload: TransactionUpdateCodec },
  risk_alert: { summary: 'An alert fired, or the liquidation-risk level changed (signed-in sockets of the wallet)', payload: RiskAlertCodec },
  chat_chunk: { summary: 'A piece of a chat answer as it is written', payload: ChatChunkCodec },
  chat_response: { summary: 'The finished chat answer', payload: ChatResponseCodec },
  system_message: { summary: 'Operational notices (e.g. shutting down)', payload: SystemMessageCodec },
} as const;

/** `chat_message`: `{ message }`. */
export const ChatMessagePayload = t.exact(t.type({ message: boundedTextCodec(MAX_CHAT_MESSAGE_LENGTH) }));

const SubscriptionsAck = t.type({ walletAddress: t.string, subscriptions: t.number });
const PriceChoiceAck = t.type({ tokens: t.union([t.literal('all'), t.readonlyArray(t.string)]) });

/** Client → server events: payload, and the `data` of a successful acknowledgement. */
export const CLIENT_EVENTS = {
  subscribe: { summary: "Join a wallet's portfolio updates (public data; a bounded number per socket)", payload: WalletPayload, ack: SubscriptionsAck },
  join_portfolio: { summary: 'Alias of subscribe', payload: WalletPayload, ack: SubscriptionsAck },
  unsubscribe: { summary: "Leave a wallet's portfolio updates", payload: WalletPayload, ack: SubscriptionsAck },
  subscribe_prices: { summary: 'Receive price_update for the named tokens, or every price without tokens', payload: PricesPayload, ack: PriceChoiceAck },
  unsubscribe_prices: { summary: 'Stop price updates', payload: NoPayload, ack: PriceChoiceAck },
  chat_message: { summary: 'Ask the assistant (token required); answered by chat_chunk events and a final chat_response', payload: ChatMessagePayload, ack: ChatReplyCodec },
} as const;

export const AckErrorCodec = t.type({ ok: t.literal(false), error: t.intersection([t.type({ code: t.string, message: t.string }), t.partial({ details: t.unknown })]) });
