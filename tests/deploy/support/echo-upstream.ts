import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { Socket } from 'node:net';

export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly bodyBytes: number;
}

export interface EchoUpstream {
  readonly port: number;
  /** Every plain HTTP request that reached the upstream, in arrival order. */
  readonly requests: SeenRequest[];
  /** Every upgrade (WebSocket) request that reached the upstream. */
  readonly upgrades: SeenRequest[];
  readonly close: () => Promise<void>;
}

const websocketAccept = (key: string): string =>
  createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC11B65`).digest('base64');

/**
 * A stand-in for the backend behind nginx, on 127.0.0.1. It answers every request with a JSON echo of
 * what it received, adds the headers helmet would add (so a test can see nginx hide them), serves a
 * large JSON body under /big (for gzip), and accepts WebSocket upgrades, after which it echoes raw bytes.
 */
export const startEchoUpstream = async (): Promise<EchoUpstream> => {
  const requests: SeenRequest[] = [];
  const upgrades: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    let bodyBytes = 0;
    req.on('data', (chunk: Buffer) => {
      bodyBytes += chunk.length;
    });
    req.on('end', () => {
      const seen: SeenRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes };
      requests.push(seen);
      const payload = req.url?.includes('/big')
        ? { success: true, data: { items: Array.from({ length: 200 }, (_, i) => ({ index: i, label: 'position' })) } }
        : { success: true, data: seen };
      res.writeHead(200, {
        'Content-Type': 'application/json; charset=utf-8',
        'X-Frame-Options': 'SAMEORIGIN',
        'Strict-Transport-Security': 'max-age=1',
        'X-Powered-By': 'Express',
      });
      res.end(JSON.stringify(payload));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('upgrade', (req, socket: Socket) => {
    upgrades.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, bodyBytes: 0 });
    const key = String(req.headers['sec-websocket-key'] ?? '');
    socket.write(
      'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
        `Sec-WebSocket-Accept: ${websocketAccept(key)}\r\n\r\n`,
    );
    socket.on('data', (chunk: Buffer) => socket.write(chunk));
    socket.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('echo upstream has no TCP address');
  return {
    port: address.port,
    requests,
    upgrades,
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((socket) => socket.destroy());
        server.close(() => resolve());
      }),
  };
};
