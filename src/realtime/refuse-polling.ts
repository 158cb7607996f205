import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What a long-polling client is told when only WebSocket is served. */
export const WEBSOCKET_REQUIRED_MESSAGE =
  "This server runs several workers and accepts WebSocket only: connect with io(url, { transports: ['websocket'] })";

const RECORD_SEPARATOR = '\x1e';

/**
 * An Engine.IO v4 polling handshake answer that the Socket.IO client turns into a `connect_error` carrying our
 * message: an `open` packet (so the client accepts the payload), then a Socket.IO CONNECT_ERROR for the main
 * namespace (`4` message + `4` connect_error). The client destroys its socket on CONNECT_ERROR and does not retry.
 * A plain HTTP refusal would only surface as "xhr poll error" and retries forever.
 */
export const pollingRefusalBody = (pingIntervalMs: number, pingTimeoutMs: number, maxPayload: number): string => {
  const open = { sid: randomBytes(15).toString('base64url'), upgrades: [], pingInterval: pingIntervalMs, pingTimeout: pingTimeoutMs, maxPayload };
  const refusal = { message: WEBSOCKET_REQUIRED_MESSAGE, data: { code: 'WEBSOCKET_REQUIRED' } };
  return `0${JSON.stringify(open)}${RECORD_SEPARATOR}44${JSON.stringify(refusal)}`;
};

const isPollingHandshake = (req: IncomingMessage): boolean => {
  if (req.method !== 'GET') return false;
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  return query.get('transport') === 'polling' && !query.has('sid');
};

export interface RefusePollingOptions {
  readonly pingIntervalMs: number;
  readonly pingTimeoutMs: number;
  readonly maxPayload: number;
  /** For the CORS headers a browser needs to read the answer. */
  readonly isOriginAllowed: (origin: string) => boolean;
}

/** An Engine.IO middleware (io.engine.use) answering every long-polling handshake with the refusal above. */
export const refusePolling =
  (options: RefusePollingOptions) =>
  (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void): void => {
    if (!isPollingHandshake(req)) {
      next();
      return;
    }
    const origin = req.headers.origin;
    res.writeHead(200, {
      'Content-Type': 'text/plain; charset=UTF-8',
      'Cache-Control': 'no-store',
      ...(origin !== undefined && options.isOriginAllowed(origin) ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' } : {}),
    });
    res.end(pollingRefusalBody(options.pingIntervalMs, options.pingTimeoutMs, options.maxPayload));
  };
