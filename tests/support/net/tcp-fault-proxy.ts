import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** What the proxy does with connections: forward them, or fail them in one of three ways. */
export type TcpFaultMode = 'forward' | 'cut' | 'reset' | 'hang';

export interface TcpFaultProxy {
  readonly host: string;
  readonly port: number;
  /** Closes every open connection (FIN to both sides) and closes each new one at once, until `restore()`. */
  readonly cut: () => void;
  /** Like `cut`, with a TCP RST instead of a FIN: the peers see ECONNRESET. */
  readonly reset: () => void;
  /** Stops forwarding in both directions: connections (open and new) stay open, the bytes sent are held, until `restore()`. */
  readonly hang: () => void;
  /** Forwards again: held bytes are delivered in order, new connections are proxied. */
  readonly restore: () => void;
  readonly mode: () => TcpFaultMode;
  /** Connections open through the proxy right now. */
  readonly openConnections: () => number;
  /** Bytes received from either side and not forwarded yet (they pile up while hung). */
  readonly heldBytes: () => number;
  /** Closes the listener and every connection. Idempotent. */
  readonly close: () => Promise<void>;
}

/** One proxied connection: the accepted socket, the socket to the target, and what waits in each direction while hung. */
interface Link {
  readonly client: Socket;
  readonly upstream: Socket;
  readonly toUpstream: Buffer[];
  readonly toClient: Buffer[];
}

const byteLength = (chunks: ReadonlyArray<Buffer>): number => chunks.reduce((n, c) => n + c.length, 0);

/**
 * A TCP proxy on a free loopback port that forwards to `target` and fails the link on demand, so a test can cut,
 * reset or hang the connection between a real process and a real server (Postgres, Redis, an RPC node) while it runs.
 */
export const startTcpFaultProxy = async (target: { readonly host: string; readonly port: number }): Promise<TcpFaultProxy> => {
  let mode: TcpFaultMode = 'forward';
  const links = new Set<Link>();

  const end = (link: Link, how: 'cut' | 'reset'): void => {
    links.delete(link);
    for (const socket of [link.client, link.upstream]) {
      if (socket.destroyed) continue;
      if (how === 'reset') socket.resetAndDestroy();
      else socket.destroy();
    }
  };

  const relay = (link: Link, from: Socket, to: Socket, held: Buffer[]): void => {
    from.on('data', (chunk: Buffer) => {
      if (mode === 'hang') held.push(chunk);
      else to.write(chunk);
    });
    from.on('error', () => end(link, 'cut'));
    from.on('close', () => end(link, 'cut'));
  };

  const server = createServer((client) => {
    if (mode === 'cut' || mode === 'reset') {
      client.on('error', () => undefined);
      if (mode === 'reset') client.resetAndDestroy();
      else client.destroy();
      return;
    }
    const link: Link = { client, upstream: connect({ host: target.host, port: target.port }), toUpstream: [], toClient: [] };
    links.add(link);
    relay(link, client, link.upstream, link.toUpstream);
    relay(link, link.upstream, client, link.toClient);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  const fail = (how: 'cut' | 'reset'): void => {
    mode = how;
    for (const link of [...links]) end(link, how);
  };

  const flush = (chunks: Buffer[], to: Socket): void => {
    for (const chunk of chunks.splice(0)) to.write(chunk);
  };

  return {
    host: '127.0.0.1',
    port,
    cut: () => fail('cut'),
    reset: () => fail('reset'),
    hang: () => {
      mode = 'hang';
    },
    restore: () => {
      mode = 'forward';
      for (const link of links) {
        flush(link.toUpstream, link.upstream);
        flush(link.toClient, link.client);
      }
    },
    mode: () => mode,
    openConnections: () => links.size,
    heldBytes: () => [...links].reduce((n, link) => n + byteLength(link.toUpstream) + byteLength(link.toClient), 0),
    close: async () => {
      for (const link of [...links]) end(link, 'cut');
      if (!server.listening) return;
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
