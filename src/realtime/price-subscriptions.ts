import * as TE from 'fp-ts/TaskEither';
import { getAddress, isAddress } from 'viem';
import { NATIVE_KEY } from '../domain/tokens/token-ref';
import type { Logger } from '../services/ports/logger';
import type { InterestSet } from '../services/watcher/ports';
import { PRICES_INTEREST } from '../services/watcher/start-watcher';
import type { AckError } from './ack';
import { onEvent } from './on-event';
import { ALL_PRICES_ROOM, priceRoom } from './rooms';
import { NoPayload, PricesPayload } from '../domain/socket/socket-codecs';
import type { RealtimeSocket } from './socket-events';

export interface PriceSubscriptionDeps {
  /** Price keys the ticker publishes: `native` and the registry's checksummed token addresses. */
  readonly trackedKeys: ReadonlySet<string>;
  /** Price subscribers, cluster-wide: the ticker reads prices only while this holds `prices`. */
  readonly interest: InterestSet;
  readonly logger: Logger;
}

/** `native` (any case) or an address, as the price key the ticker uses; undefined when neither. */
const priceKeyOf = (input: string): string | undefined => {
  const trimmed = input.trim();
  if (trimmed.toLowerCase() === NATIVE_KEY) return NATIVE_KEY;
  return isAddress(trimmed, { strict: false }) ? getAddress(trimmed) : undefined;
};

/**
 * `subscribe_prices` `{ tokens? }`: without tokens the socket receives every moved price in one `price_update` per
 * tick; with tokens it joins one room per token and receives one `price_update` per moved token it named. A new
 * `subscribe_prices` replaces the previous choice. Tokens must be ones the server tracks (registry tokens, `native`).
 * `unsubscribe_prices` stops price updates.
 */
export const registerPriceSubscriptions = (deps: PriceSubscriptionDeps) => (socket: RealtimeSocket): void => {
  const rooms = socket.data.priceRooms;
  const leaveAll = (): void => {
    rooms.forEach((room) => void socket.leave(room));
    if (rooms.size > 0) deps.interest.remove(PRICES_INTEREST);
    rooms.clear();
  };

  const subscribe = (payload: { tokens?: ReadonlyArray<string> } | null | undefined): TE.TaskEither<AckError, unknown> => {
    const inputs = payload?.tokens;
    const keys = inputs === undefined ? undefined : inputs.map(priceKeyOf);
    const unknown = (inputs ?? []).flatMap((input, i) => (keys?.[i] !== undefined && deps.trackedKeys.has(keys[i] ?? '') ? [] : [{ path: `payload.tokens.${i}`, expected: 'a token the server tracks (GET /api/tokens) or "native"' }]));
    if (unknown.length > 0) return TE.left({ code: 'VALIDATION_ERROR', message: 'The subscribe_prices payload names unknown tokens', details: unknown });
    const wanted = keys === undefined ? [ALL_PRICES_ROOM] : [...new Set(keys.flatMap((k) => (k === undefined ? [] : [priceRoom(k)])))];
    leaveAll();
    wanted.forEach((room) => {
      rooms.add(room);
      void socket.join(room);
    });
    if (rooms.size > 0) deps.interest.add(PRICES_INTEREST);
    return TE.right({ tokens: keys === undefined ? 'all' : [...new Set(keys)] });
  };

  onEvent(socket, 'subscribe_prices', PricesPayload, subscribe, deps.logger);
  onEvent(
    socket,
    'unsubscribe_prices',
    NoPayload,
    () => {
      leaveAll();
      return TE.right({ tokens: [] });
    },
    deps.logger,
  );
  socket.once('disconnect', leaveAll);
};
