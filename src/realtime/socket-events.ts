import type { Server, Socket } from 'socket.io';
import type { DefaultEventsMap } from 'socket.io/dist/typed-events';
import type { WalletAddress } from '../domain/address/wallet-address';
import type { RiskAlertPayload } from '../domain/alerts/risk-alert';
import type { PortfolioChange } from '../domain/portfolio/portfolio-changes';
import type { Portfolio } from '../domain/portfolio/portfolio';
import type { AuthSession } from '../services/auth/auth-service';
import type { PriceTick } from '../services/watcher/moved-prices';

/** `portfolio_update`: a snapshot on subscribe, then every change a fresh read finds. */
export interface PortfolioUpdate {
  readonly walletAddress: string;
  readonly type: 'snapshot' | 'balance_change' | 'position_update';
  readonly data: Portfolio;
  readonly changes: ReadonlyArray<PortfolioChange>;
  readonly blockNumber: number;
  /** ISO-8601 UTC, when the server emitted it. */
  readonly timestamp: string;
}

/** `price_update`: the prices that moved since the previous tick. */
export interface PriceUpdate {
  readonly prices: Readonly<Record<string, PriceTick>>;
  readonly timestamp: string;
}

/** `transaction_update`: a tracked transaction's new status, to the sockets signed in as its wallet. */
export interface TransactionUpdate {
  readonly hash: string;
  readonly status: 'pending' | 'confirmed' | 'failed' | 'dropped';
  readonly blockNumber?: number;
  /** What it does, when it calls a known registry contract (`supply`, `swap`, `approve`…). */
  readonly action?: string;
  readonly timestamp: string;
}

export interface SystemMessage {
  readonly type: 'info' | 'warning' | 'error';
  readonly message: string;
  readonly timestamp: string;
}

export interface ChatChunk {
  readonly id: string;
  readonly delta: string;
}

export interface ChatResponse {
  readonly id: string;
  readonly response: string;
  readonly suggestions: ReadonlyArray<unknown>;
  readonly toolCalls: ReadonlyArray<unknown>;
  readonly timestamp: string;
}

/** Every server → client event of API.md, typed for `emit`. */
export interface ServerToClientEvents {
  portfolio_update: (update: PortfolioUpdate) => void;
  price_update: (update: PriceUpdate) => void;
  transaction_update: (update: TransactionUpdate) => void;
  risk_alert: (alert: RiskAlertPayload) => void;
  chat_chunk: (chunk: ChatChunk) => void;
  chat_response: (response: ChatResponse) => void;
  system_message: (message: SystemMessage) => void;
}

/** Per-socket state. `session` is null for an anonymous socket (portfolio and price events need no token). */
export interface SocketData {
  session: AuthSession | null;
  /** The wallets this socket subscribed to (bounded by SOCKET_MAX_SUBSCRIPTIONS). */
  wallets: Set<WalletAddress>;
  /** The price rooms this socket is in. */
  priceRooms: Set<string>;
}

/** Client → server events are untyped on purpose: every payload is decoded with an io-ts codec at the edge. */
export type RealtimeIo = Server<DefaultEventsMap, ServerToClientEvents, DefaultEventsMap, SocketData>;
export type RealtimeSocket = Socket<DefaultEventsMap, ServerToClientEvents, DefaultEventsMap, SocketData>;
