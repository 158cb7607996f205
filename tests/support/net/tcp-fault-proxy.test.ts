import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { waitFor } from '../wait-until';
import { startTcpFaultProxy, type TcpFaultProxy } from './tcp-fault-proxy';

/** An upstream that echoes every byte and counts what it received. */
const startEchoServer = async (): Promise<{ readonly server: Server; readonly port: number; readonly received: () => number }> => {
  let received = 0;
  const server = createServer((socket) => {
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
      socket.write(chunk);
    });
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.address() as AddressInfo).port, received: () => received };
};

interface Peer {
  readonly socket: Socket;
  readonly echoed: () => string;
  /** Settles with the error code the socket failed with, or 'closed' when it closed without one. */
  readonly ended: Promise<string>;
}

const open = async (port: number): Promise<Peer> => {
  const socket = connect({ host: '127.0.0.1', port });
  let echoed = '';
  socket.on('data', (chunk: Buffer) => (echoed += chunk.toString()));
  let failure: string | undefined;
  socket.on('error', (e: NodeJS.ErrnoException) => (failure = e.code ?? e.message));
  const ended = new Promise<string>((resolve) => socket.once('close', () => resolve(failure ?? 'closed')));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('error', reject);
  });
  return { socket, echoed: () => echoed, ended };
};

describe('tcp fault proxy', () => {
  let echo: Awaited<ReturnType<typeof startEchoServer>>;
  let proxy: TcpFaultProxy;
  beforeAll(async () => {
    echo = await startEchoServer();
    proxy = await startTcpFaultProxy({ host: '127.0.0.1', port: echo.port });
  });
  afterEach(() => proxy.restore());
  afterAll(async () => {
    await proxy.close();
    await new Promise<void>((resolve) => echo.server.close(() => resolve()));
  });

  it('forwards bytes both ways', async () => {
    const peer = await open(proxy.port);
    peer.socket.write('ping');
    await waitFor('the echo comes back', () => peer.echoed() === 'ping');
    peer.socket.destroy();
    await waitFor('the link is gone', () => proxy.openConnections() === 0);
  });

  it('cut closes open connections and refuses new ones until restore', async () => {
    const peer = await open(proxy.port);
    await waitFor('the link is up', () => proxy.openConnections() === 1);
    proxy.cut();
    expect(await peer.ended).toBe('closed');
    expect(proxy.openConnections()).toBe(0);

    const during = await open(proxy.port);
    expect(await during.ended).toBe('closed');
    expect(during.echoed()).toBe('');

    proxy.restore();
    const after = await open(proxy.port);
    after.socket.write('back');
    await waitFor('the echo comes back after restore', () => after.echoed() === 'back');
    after.socket.destroy();
  });

  it('reset ends open connections with ECONNRESET', async () => {
    const peer = await open(proxy.port);
    await waitFor('the link is up', () => proxy.openConnections() === 1);
    proxy.reset();
    expect(await peer.ended).toBe('ECONNRESET');
  });

  it('hang holds the bytes without forwarding them, and restore delivers them in order', async () => {
    const peer = await open(proxy.port);
    await waitFor('the link is up', () => proxy.openConnections() === 1);
    const receivedBefore = echo.received();
    proxy.hang();
    peer.socket.write('one');
    peer.socket.write('two');
    await waitFor('the proxy holds the 6 bytes', () => proxy.heldBytes() === 6);
    expect(echo.received()).toBe(receivedBefore);
    expect(peer.echoed()).toBe('');
    expect(proxy.openConnections()).toBe(1);

    proxy.restore();
    await waitFor('the held bytes arrive and echo back', () => peer.echoed() === 'onetwo');
    expect(echo.received()).toBe(receivedBefore + 6);
    peer.socket.destroy();
  });
});
