import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { makeAsyncApiValidator } from '../../support/contract/asyncapi-validator';

export type ClientSocket = Socket;

/**
 * Every server event a test socket receives and every acknowledgement it gets is checked against the AsyncAPI
 * document; a payload that breaks it fails the test that received it (checked after each test).
 */
const contract = makeAsyncApiValidator();
const violations: string[] = [];
const check = (name: string, payload: unknown): void => {
  const problem = contract.problemWith(name, payload);
  if (problem !== undefined) violations.push(problem);
};
afterEach(() => {
  const found = violations.splice(0);
  if (found.length > 0) throw new Error(`Socket.IO payloads broke the AsyncAPI document:\n${found.join('\n')}`);
});

const watchPayloads = (socket: Socket): Socket => {
  socket.onAny((event: string, payload: unknown) => check(event, payload));
  return socket;
};

/** A connect refusal as the client sees it: the message and `data.code` of `connect_error`. */
export interface ConnectRefusal {
  readonly message: string;
  readonly code: string | undefined;
}

/** socket.io-client options, plus `localAddress` (passed through to `ws` in Node, not in the client's types). */
type Options = Partial<ManagerOptions & SocketOptions> & { readonly localAddress?: string };

/** A client without reconnection (tests decide when to reconnect), WebSocket only unless told otherwise. */
export const clientOptions = (options: Options = {}): Options => ({ transports: ['websocket'], reconnection: false, forceNew: true, timeout: 10_000, ...options });

/** Connects and resolves once connected; rejects with the refusal on `connect_error`. */
export const connectClient = (url: string, options: Options = {}): Promise<ClientSocket> =>
  new Promise((resolve, reject) => {
    const socket = watchPayloads(io(url, clientOptions(options)));
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      socket.close();
      reject(Object.assign(new Error(error.message), { code: error.data?.code }));
    });
  });

/** The `connect_error` a connection attempt ends with (fails the test if it connects instead). */
export const connectRefusal = (url: string, options: Options = {}): Promise<ConnectRefusal> =>
  new Promise((resolve, reject) => {
    const socket = io(url, clientOptions(options));
    socket.once('connect', () => {
      socket.close();
      reject(new Error('connected, but a refusal was expected'));
    });
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      socket.close();
      resolve({ message: error.message, code: error.data?.code });
    });
  });

export interface Ack<D = unknown> {
  readonly ok: boolean;
  readonly data?: D;
  readonly error?: { readonly code: string; readonly message: string; readonly details?: unknown };
}

/** Emits and waits for the acknowledgement (5 s). */
export const emitWithAck = async <D = unknown>(socket: ClientSocket, event: string, ...args: unknown[]): Promise<Ack<D>> => {
  const ack = (await socket.timeout(5000).emitWithAck(event, ...args)) as Ack<D>;
  check(`${event}_ack`, ack);
  return ack;
};

/** Collects every `event` the socket receives, from now on. */
export const collect = <A = unknown>(socket: ClientSocket, event: string): A[] => {
  const seen: A[] = [];
  socket.on(event, (payload: A) => seen.push(payload));
  return seen;
};

/** The next `event` matching `isWanted`, or a rejection after `timeoutMs`. */
export const nextEvent = <A = unknown>(socket: ClientSocket, event: string, timeoutMs: number, isWanted: (a: A) => boolean = () => true): Promise<A> =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      socket.off(event, listener);
      reject(new Error(`no ${event} within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = (payload: A) => {
      if (!isWanted(payload)) return;
      clearTimeout(timer);
      socket.off(event, listener);
      resolve(payload);
    };
    socket.on(event, listener);
  });

/** Resolves with the disconnect reason, or rejects after `timeoutMs`. */
export const disconnection = (socket: ClientSocket, timeoutMs: number): Promise<string> =>
  new Promise((resolve, reject) => {
    if (!socket.connected) {
      resolve('already disconnected');
      return;
    }
    const timer = setTimeout(() => reject(new Error(`still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.once('disconnect', (reason: string) => {
      clearTimeout(timer);
      resolve(reason);
    });
  });

