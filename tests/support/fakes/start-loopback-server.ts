import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type LoopbackHandler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export interface LoopbackServer {
  /** `http://127.0.0.1:PORT`, no trailing slash. */
  readonly origin: string;
  readonly port: number;
  /** True once `stop()` was called; handlers use it to tell a client abort from our own teardown. */
  readonly isStopping: () => boolean;
  /** Closes the listener and destroys every open connection (hanging and keep-alive ones too). Idempotent. */
  readonly stop: () => Promise<void>;
}

// Starts an HTTP server on a random 127.0.0.1 port. A handler that throws answers 500 (or drops the
// connection when headers already went out), so a bug in a fake never leaves a test hanging.
export const startLoopbackServer = (handler: LoopbackHandler): Promise<LoopbackServer> =>
  new Promise((resolve, reject) => {
    let stopping = false;
    let stopped: Promise<void> | undefined;
    const server = createServer((req, res) => {
      handler(req, res).catch((error: unknown) => {
        if (res.headersSent) {
          res.destroy(error instanceof Error ? error : undefined);
          return;
        }
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`fake server bug: ${error instanceof Error ? error.message : String(error)}`);
      });
    });
    server.keepAliveTimeout = 1_000;
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        port,
        isStopping: () => stopping,
        stop: () => {
          stopping = true;
          stopped ??= new Promise<void>((done) => {
            server.close(() => done());
            server.closeAllConnections();
          });
          return stopped;
        },
      });
    });
  });
