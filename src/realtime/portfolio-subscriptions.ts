import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError } from '../domain/app-error';
import type { WalletAddress } from '../domain/address/wallet-address';
import type { Portfolio } from '../domain/portfolio/portfolio';
import type { Logger } from '../services/ports/logger';
import type { InterestSet } from '../services/watcher/ports';
import { ackErrorOf, subscriptionLimit, type AckError } from './ack';
import { onEvent } from './on-event';
import { walletRoom } from './rooms';
import { WalletPayload } from '../domain/socket/socket-codecs';
import type { RealtimeSocket } from './socket-events';

export interface PortfolioSubscriptionDeps {
  readonly resolveWallet: (input: string) => TE.TaskEither<AppError, WalletAddress>;
  /** The current (cached or freshly read) portfolio, sent as the `snapshot`. */
  readonly getPortfolio: (wallet: WalletAddress) => TE.TaskEither<AppError, Portfolio>;
  /** Subscribed wallets, cluster-wide: what the watcher follows. */
  readonly watched: InterestSet;
  readonly maxSubscriptions: number;
  readonly logger: Logger;
  readonly now: () => Date;
}

/**
 * `subscribe` / `join_portfolio` `{ walletAddress }`: resolves the address (0x or sei1), reads the portfolio, joins the
 * wallet's room, emits the `snapshot` and acknowledges `{ walletAddress, subscriptions }`. All or nothing: an address
 * that cannot be resolved or read is refused with its error code and the socket is not subscribed.
 * `unsubscribe` `{ walletAddress }` leaves the room (idempotent). Disconnecting unsubscribes from everything.
 */
export const registerPortfolioSubscriptions = (deps: PortfolioSubscriptionDeps) => (socket: RealtimeSocket): void => {
  const wallets = socket.data.wallets;

  const subscribe = ({ walletAddress }: { walletAddress: string }): TE.TaskEither<AckError, unknown> =>
    pipe(
      deps.resolveWallet(walletAddress),
      TE.mapLeft(ackErrorOf),
      TE.filterOrElse(
        (wallet) => wallets.has(wallet) || wallets.size < deps.maxSubscriptions,
        () => subscriptionLimit(deps.maxSubscriptions),
      ),
      TE.flatMap((wallet) =>
        pipe(
          deps.getPortfolio(wallet),
          TE.mapLeft(ackErrorOf),
          TE.map((portfolio) => {
            if (!wallets.has(wallet) && socket.connected) {
              wallets.add(wallet);
              deps.watched.add(wallet);
            }
            void socket.join(walletRoom(wallet));
            const { cachedAt: _cachedAt, stale: _stale, ...data } = portfolio;
            socket.emit('portfolio_update', {
              walletAddress: wallet,
              type: 'snapshot',
              data,
              changes: [],
              blockNumber: portfolio.blockNumber,
              timestamp: deps.now().toISOString(),
            });
            return { walletAddress: wallet, subscriptions: wallets.size };
          }),
        ),
      ),
    );

  const unsubscribe = ({ walletAddress }: { walletAddress: string }): TE.TaskEither<AckError, unknown> =>
    pipe(
      deps.resolveWallet(walletAddress),
      TE.mapLeft(ackErrorOf),
      TE.map((wallet) => {
        if (wallets.delete(wallet)) deps.watched.remove(wallet);
        void socket.leave(walletRoom(wallet));
        return { walletAddress: wallet, subscriptions: wallets.size };
      }),
    );

  onEvent(socket, 'subscribe', WalletPayload, subscribe, deps.logger);
  onEvent(socket, 'join_portfolio', WalletPayload, subscribe, deps.logger);
  onEvent(socket, 'unsubscribe', WalletPayload, unsubscribe, deps.logger);
  socket.once('disconnect', () => {
    wallets.forEach((wallet) => deps.watched.remove(wallet));
    wallets.clear();
  });
};
