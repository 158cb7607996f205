import { startTcpFaultProxy, type TcpFaultProxy } from './tcp-fault-proxy';

/** A fault proxy in front of the Postgres (or Redis) server of `url`, and the same URL pointing through it. */
export const startProxyFor = async (url: string): Promise<{ readonly proxy: TcpFaultProxy; readonly url: string }> => {
  const target = new URL(url);
  const defaultPort = target.protocol.startsWith('redis') ? 6379 : 5432;
  const proxy = await startTcpFaultProxy({ host: target.hostname, port: Number(target.port || defaultPort) });
  const through = new URL(url);
  through.hostname = proxy.host;
  through.port = String(proxy.port);
  return { proxy, url: through.toString() };
};
