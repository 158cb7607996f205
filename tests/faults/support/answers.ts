import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import { sendRequest } from '../../deploy/support/http-request';

/** One request to the app under fault, as bytes on the wire. */
export interface Ask {
  readonly method?: string;
  readonly path: string;
  readonly token?: string;
  /** Sent as JSON with `Content-Type: application/json`. */
  readonly json?: unknown;
  /** Sent as it is (with the headers given), for bodies no JSON encoder would write. */
  readonly body?: Buffer | string;
  readonly headers?: OutgoingHttpHeaders;
}

/** What the app answered: the status, the headers, and the body parsed as JSON when it is JSON. */
export interface Answer {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly json: unknown;
}

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
};

/** Sends `ask` to the app on `port` over a fresh connection. */
export const askApp = async (port: number, ask: Ask): Promise<Answer> => {
  const method = ask.method ?? (ask.json === undefined && ask.body === undefined ? 'GET' : 'POST');
  const headers: OutgoingHttpHeaders = {
    ...(ask.json === undefined ? {} : { 'content-type': 'application/json' }),
    ...(ask.token === undefined ? {} : { authorization: `Bearer ${ask.token}` }),
    ...ask.headers,
  };
  const body = ask.json === undefined ? ask.body : JSON.stringify(ask.json);
  const res = await sendRequest({ protocol: 'http', port, path: ask.path, method, headers, ...(body === undefined ? {} : { body }), timeoutMs: 60_000 });
  return { method, path: ask.path, status: res.status, headers: res.headers, json: parseJson(res.body.toString('utf8')) };
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The error code of an error envelope, or undefined when the body is not one. */
export const errorCodeOf = (answer: Answer): string | undefined => {
  const error = isRecord(answer.json) && answer.json['success'] === false ? answer.json['error'] : undefined;
  return isRecord(error) && typeof error['code'] === 'string' && typeof error['message'] === 'string' ? error['code'] : undefined;
};

/** `data` of a success envelope (undefined otherwise). */
export const dataOf = (answer: Answer): Record<string, unknown> | undefined => {
  const data = isRecord(answer.json) && answer.json['success'] === true ? answer.json['data'] : undefined;
  return isRecord(data) ? data : undefined;
};

/** "status CODE METHOD path" for a failure message. */
export const describeAnswer = (answer: Answer): string => `${answer.status} ${errorCodeOf(answer) ?? '(no envelope)'} ${answer.method} ${answer.path}`;

/** Each answer that breaks the rules of every fault: an error without the envelope, or a 5xx not in `allowed` ("status CODE"). */
export const brokenAnswers = (answers: ReadonlyArray<Answer>, allowed: ReadonlyArray<string>): string[] =>
  answers
    .filter((a) => (a.status >= 400 && errorCodeOf(a) === undefined) || (a.status >= 500 && !allowed.includes(`${a.status} ${errorCodeOf(a) ?? ''}`)))
    .map(describeAnswer);
