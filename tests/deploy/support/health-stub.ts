import { createServer } from 'node:http';

export interface HealthStub {
  readonly port: number;
  /** Paths requested so far. */
  readonly paths: string[];
  readonly close: () => Promise<void>;
}

/** An HTTP server on 127.0.0.1 answering every request with `status`, to exercise healthcheck commands. */
export const startHealthStub = async (status: number): Promise<HealthStub> => {
  const paths: string[] = [];
  const server = createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ success: status < 400 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('health stub has no TCP address');
  return {
    port: address.port,
    paths,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};
