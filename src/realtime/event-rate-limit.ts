import type { Logger } from '../services/ports/logger';
import type { RateLimiter } from '../infra/rate-limit/rate-limiter';
import { ackCallbackOf, ackError, rateLimited } from './ack';
import type { RealtimeSocket } from './socket-events';

export interface EventRateLimitDeps {
  /** Points per window, keyed by socket id (shared through Redis when the limiter is). */
  readonly limiter: RateLimiter;
  /** Refused events within FLOOD_WINDOW_MS after which the socket is disconnected. */
  readonly floodDisconnectAfter: number;
  readonly logger: Logger;
  readonly now: () => number;
}

const FLOOD_WINDOW_MS = 10_000;

/**
 * Per-socket event middleware for every client event (ours and any registered later): over the limit, the event is
 * dropped and acknowledged RATE_LIMITED; a socket that keeps sending past the limit is told and disconnected.
 * A limiter that fails lets events through (the HTTP limits behave the same).
 */
export const limitEventRate = (deps: EventRateLimitDeps) => (socket: RealtimeSocket): void => {
  let refused = 0;
  let windowStart = deps.now();
  socket.use((packet, next) => {
    deps.limiter.consume(`socket:${socket.id}`).then(
      (decision) => {
        if (decision.allowed) {
          next();
          return;
        }
        ackCallbackOf(packet)?.(ackError(rateLimited(decision.retryAfterSeconds)));
        if (deps.now() - windowStart > FLOOD_WINDOW_MS) {
          windowStart = deps.now();
          refused = 0;
        }
        refused += 1;
        if (refused === deps.floodDisconnectAfter) {
          deps.logger.warn('socket disconnected for flooding', { socketId: socket.id, refused });
          socket.emit('system_message', { type: 'error', message: 'Too many events: disconnected', timestamp: new Date(deps.now()).toISOString() });
          socket.disconnect(true);
        }
      },
      () => next(),
    );
  });
};
