import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { Server as NetServer, type Socket } from 'node:net';

export interface DrainOptions {
  /** Past this, connections still open are destroyed. */
  readonly timeoutMs: number;
  /** A keep-alive connection with no request for this long during the drain is closed (its client was not using it). */
  readonly idleGraceMs: number;
}

export interface ConnectionDrain {
  /** Open sockets of the server, HTTP and upgraded alike. */
  readonly openConnections: () => number;
  /**
   * Stops accepting connections and empties the open ones without resetting a request: every answer from now on
   * carries `Connection: close` (in-flight ones too, when their headers are not out yet), so a keep-alive client
   * finishes its request and reconnects (in a cluster, to another worker); a connection idle for `idleGraceMs` is
   * closed; whatever is left at `timeoutMs` is destroyed. Resolves when no connection is left.
   */
  readonly drain: (options: DrainOptions) => Promise<void>;
}

interface Connection {
  readonly answers: Set<ServerResponse>;
  idleTimer?: NodeJS.Timeout;
}

/**
 * Tracks the connections of `server` from now on, for a graceful drain. Node's own `server.close()` destroys idle
 * keep-alive sockets at once, racing a client that is just sending on one (a reset); this drain lets them finish.
 */
export const makeConnectionDrain = (server: Server): ConnectionDrain => {
  const connections = new Map<Socket, Connection>();
  let drain: DrainOptions | undefined;

  const closeWhenIdle = (socket: Socket, connection: Connection): void => {
    if (drain === undefined || connection.answers.size > 0 || connection.idleTimer !== undefined) return;
    connection.idleTimer = setTimeout(() => {
      if (connection.answers.size === 0) socket.destroy();
    }, drain.idleGraceMs);
    connection.idleTimer.unref();
  };

  server.on('connection', (socket: Socket) => {
    const connection: Connection = { answers: new Set() };
    connections.set(socket, connection);
    socket.once('close', () => {
      clearTimeout(connection.idleTimer);
      connections.delete(socket);
    });
    closeWhenIdle(socket, connection);
  });

  // Before the app's listener, so the header is set before any handler can answer.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const connection = connections.get(req.socket);
    if (drain !== undefined) res.setHeader('Connection', 'close');
    if (connection === undefined) return;
    clearTimeout(connection.idleTimer);
    connection.idleTimer = undefined;
    connection.answers.add(res);
    res.once('close', () => {
      connection.answers.delete(res);
      closeWhenIdle(req.socket, connection);
    });
  });

  return {
    openConnections: () => connections.size,
    drain: (options) =>
      new Promise<void>((resolve) => {
        drain = options;
        const deadline = setTimeout(() => connections.forEach((_, socket) => socket.destroy()), options.timeoutMs);
        deadline.unref();
        // net.Server's close, not http.Server's: stop accepting, but leave idle keep-alive sockets to the rules above.
        NetServer.prototype.close.call(server, () => {
          clearTimeout(deadline);
          resolve();
        });
        for (const [socket, connection] of connections) {
          connection.answers.forEach((res) => {
            if (!res.headersSent) res.setHeader('Connection', 'close');
          });
          closeWhenIdle(socket, connection);
        }
      }),
  };
};
