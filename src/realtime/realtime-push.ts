import type { WalletAddress } from '../domain/address/wallet-address';
import type { RiskAlertPayload } from '../domain/alerts/risk-alert';
import type { PriceTick } from '../services/watcher/moved-prices';
import { accountRoom, ALL_PRICES_ROOM, priceRoom, walletRoom } from './rooms';
import type { PortfolioUpdate, RealtimeIo, ServerToClientEvents, SystemMessage, TransactionUpdate } from './socket-events';

/**
 * Server → client pushes, cluster-wide (through the Redis adapter when configured). Each is fire-and-forget and
 * never throws: a push nobody listens to costs one Redis PUBLISH.
 */
export interface RealtimePush {
  /** `portfolio_update` to everyone subscribed to the wallet. */
  readonly portfolioUpdate: (update: PortfolioUpdate) => void;
  /**
   * `price_update`: all moved prices to the sockets that asked for every price, and to each socket that named tokens,
   * one event per moved token it named (`prices` holding just that token).
   */
  readonly prices: (moved: Readonly<Record<string, PriceTick>>) => void;
  /** `risk_alert` to the sockets signed in as the wallet (alerts are private). */
  readonly riskAlert: (wallet: WalletAddress, alert: RiskAlertPayload) => void;
  /** `transaction_update` to the sockets signed in as the wallet. */
  readonly transactionUpdate: (wallet: WalletAddress, update: Omit<TransactionUpdate, 'timestamp'>) => void;
  /** `system_message` to every socket of the cluster. */
  readonly systemMessage: (message: Omit<SystemMessage, 'timestamp'>) => void;
}

/** Called once per event emitted to a room (or to everyone), e.g. to count pushes in the metrics. */
export type PushCounter = (event: keyof ServerToClientEvents) => void;

export const makeRealtimePush = (io: RealtimeIo, now: () => Date = () => new Date(), countPush: PushCounter = () => undefined): RealtimePush => ({
  portfolioUpdate: (update) => {
    countPush('portfolio_update');
    io.to(walletRoom(update.walletAddress)).emit('portfolio_update', update);
  },
  prices: (moved) => {
    const timestamp = now().toISOString();
    countPush('price_update');
    io.to(ALL_PRICES_ROOM).emit('price_update', { prices: moved, timestamp });
    for (const [key, tick] of Object.entries(moved)) {
      countPush('price_update');
      io.to(priceRoom(key)).emit('price_update', { prices: { [key]: tick }, timestamp });
    }
  },
  riskAlert: (wallet, alert) => {
    countPush('risk_alert');
    io.to(accountRoom(wallet)).emit('risk_alert', alert);
  },
  transactionUpdate: (wallet, update) => {
    countPush('transaction_update');
    io.to(accountRoom(wallet)).emit('transaction_update', { ...update, timestamp: now().toISOString() });
  },
  systemMessage: (message) => {
    countPush('system_message');
    io.emit('system_message', { ...message, timestamp: now().toISOString() });
  },
});
