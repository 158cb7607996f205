import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface SimpleRequest {
  readonly protocol: 'http' | 'https';
  readonly port: number;
  readonly path: string;
  readonly method?: string;
  readonly headers?: OutgoingHttpHeaders;
  readonly body?: Buffer | string;
  /** Source address of the connection, e.g. 127.0.0.2 to look like "another" client on loopback. */
  readonly localAddress?: string;
  /** CA to trust for https (the throwaway self-signed certificate). */
  readonly ca?: string;
  /** Fail with "timed out after N ms" when the response has not arrived in time. */
  readonly timeoutMs?: number;
}

export interface SimpleResponse {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/**
 * One request on a fresh connection to 127.0.0.1 (servername "localhost" for TLS). Resolves with the
 * full response; a connection error after the response has arrived (e.g. a 413 cutting a big upload
 * short) does not turn it into a failure.
 */
export const sendRequest = (r: SimpleRequest): Promise<SimpleResponse> =>
  new Promise((resolve, reject) => {
    const options = {
      host: '127.0.0.1',
      port: r.port,
      path: r.path,
      method: r.method ?? 'GET',
      headers: r.headers ?? {},
      agent: false as const,
      ...(r.localAddress === undefined ? {} : { localAddress: r.localAddress }),
    };
    let settled = false;
    const onResponse = (res: import('node:http').IncomingMessage): void => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        settled = true;
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    };
    const req =
      r.protocol === 'https'
        ? httpsRequest({ ...options, servername: 'localhost', ...(r.ca === undefined ? {} : { ca: r.ca }) }, onResponse)
        : httpRequest(options, onResponse);
    req.on('error', (error) => {
      if (!settled) reject(error);
    });
    if (r.timeoutMs !== undefined) {
      const timeoutMs = r.timeoutMs;
      req.setTimeout(timeoutMs, () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)));
    }
    req.end(r.body);
  });
