import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ChatCompletionCreateParams } from 'openai/resources/chat/completions';
import {
  assertReplyIsCoherent,
  isErrorReply,
  isGarbageReply,
  isHangReply,
  planMessage,
  type FakeChatReply,
  type FakeErrorReply,
  type FakeSuccessReply,
} from './fake-openai-reply';
import {
  computeUsage,
  lastUserText,
  openAIErrorBody,
  toChatCompletion,
  toChatCompletionChunks,
  type CompletionIdentity,
} from './openai-wire-format';
import { readRequestBody } from './read-request-body';
import { startLoopbackServer } from './start-loopback-server';
import { waitUnlessClosed } from './wait-unless-closed';

export interface FakeOpenAIOptions {
  /** Answer 401 (OpenAI's "You didn't provide an API key" error) without `Authorization: Bearer …`. Default true. */
  readonly requireAuth?: boolean;
  /** When set, any other bearer token is answered 401 `invalid_api_key`. */
  readonly apiKey?: string;
}

export interface RecordedChatRequest {
  /** The parsed JSON body as the client sent it. */
  readonly body: ChatCompletionCreateParams;
  readonly headers: IncomingHttpHeaders;
  /** Arrival time, `Date.now()` ms. */
  readonly at: number;
  /** True when the client went away before the response was complete (abort, disconnect, timeout). */
  readonly closedByClient: boolean;
  /** Status sent; undefined for a hang or when the client left before the head was sent. */
  readonly status: number | undefined;
  /** The scripted (or default) reply used; undefined when the request was refused for auth. */
  readonly reply: FakeChatReply | undefined;
}

/** A request that was not a well-formed `POST /v1/chat/completions` (wrong path, bad JSON, no model/messages). */
export interface UnmatchedOpenAIRequest {
  readonly method: string;
  readonly path: string;
  readonly rawBody: string;
  readonly headers: IncomingHttpHeaders;
  readonly at: number;
  readonly status: number;
}

export type DefaultReplyFn = (body: ChatCompletionCreateParams) => FakeChatReply;

export interface FakeOpenAI {
  /** Base URL including `/v1`, e.g. `http://127.0.0.1:PORT/v1`: pass it as the SDK's `baseURL`. */
  readonly url: string;
  readonly port: number;
  /** Queues replies, used one per chat completion request in arrival order. */
  readonly enqueue: (...replies: ReadonlyArray<FakeChatReply>) => void;
  /** Reply used when the queue is empty; `undefined` restores the built-in `Fake reply to: <last user text>`. */
  readonly setDefaultReply: (fn: DefaultReplyFn | undefined) => void;
  /** Replies still queued. */
  readonly pendingReplies: () => number;
  readonly requests: () => ReadonlyArray<RecordedChatRequest>;
  readonly unmatchedRequests: () => ReadonlyArray<UnmatchedOpenAIRequest>;
  /** Resolves with all recorded requests once at least `n` arrived; rejects after `timeoutMs` (default 5000). */
  readonly waitForRequests: (n: number, timeoutMs?: number) => Promise<ReadonlyArray<RecordedChatRequest>>;
  /** Resolves with the first request the client closed early; rejects after `timeoutMs` (default 5000). */
  readonly waitForClientClose: (timeoutMs?: number) => Promise<RecordedChatRequest>;
  /** Clears the queue, the default reply and the recorded requests. */
  readonly reset: () => void;
  /** Closes the server, destroying hanging and streaming connections. */
  readonly stop: () => Promise<void>;
}

interface MutableChatRecord {
  body: ChatCompletionCreateParams;
  headers: IncomingHttpHeaders;
  at: number;
  closedByClient: boolean;
  status: number | undefined;
  reply: FakeChatReply | undefined;
}

interface Waiter {
  readonly attempt: () => void;
  readonly fail: (error: Error) => void;
}

const CHAT_PATH = '/v1/chat/completions';
const DEFAULT_WAIT_MS = 5_000;

const defaultReply: DefaultReplyFn = (body) => ({ content: `Fake reply to: ${lastUserText(body)}` });

const isChatRequest = (value: unknown): value is ChatCompletionCreateParams =>
  typeof value === 'object' &&
  value !== null &&
  'model' in value &&
  typeof value.model === 'string' &&
  'messages' in value &&
  Array.isArray(value.messages) &&
  value.messages.every(
    (message: unknown) =>
      typeof message === 'object' && message !== null && 'role' in message && typeof message.role === 'string',
  );

const bearerToken = (headers: IncomingHttpHeaders): string | undefined => {
  const match = /^Bearer\s+(\S.*)$/i.exec(headers.authorization ?? '');
  return match?.[1];
};

const sendJson = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>>,
): void => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
};

/**
 * Starts a fake OpenAI Chat Completions API on a random loopback port, answering
 * `POST /v1/chat/completions` (JSON or SSE when `stream: true`) from a queue of scripted replies.
 */
export const startFakeOpenAI = async (options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> => {
  const requireAuth = options.requireAuth ?? true;
  let queue: FakeChatReply[] = [];
  let replyWhenEmpty: DefaultReplyFn = defaultReply;
  let records: MutableChatRecord[] = [];
  let unmatched: UnmatchedOpenAIRequest[] = [];
  const waiters = new Set<Waiter>();
  let completionCounter = 0;
  let toolCallCounter = 0;

  const notify = (): void => {
    for (const waiter of [...waiters]) waiter.attempt();
  };

  const waitUntil = <T>(check: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(waiter);
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(describe()));
      }, timeoutMs);
      const waiter: Waiter = {
        attempt: () => {
          const value = check();
          if (value === undefined) return;
          finish();
          resolve(value);
        },
        fail: (error) => {
          finish();
          reject(error);
        },
      };
      waiters.add(waiter);
      waiter.attempt();
    });

  const snapshot = (record: MutableChatRecord): RecordedChatRequest => ({ ...record });

  const authProblem = (headers: IncomingHttpHeaders): FakeErrorReply | undefined => {
    const token = bearerToken(headers);
    if (token === undefined) return requireAuth ? { status: 401 } : undefined;
    if (options.apiKey !== undefined && token !== options.apiKey) {
      return {
        status: 401,
        message: `Incorrect API key provided: ${token.slice(0, 3)}****. You can find your API key at https://platform.openai.com/account/api-keys.`,
        code: 'invalid_api_key',
      };
    }
    return undefined;
  };

  const sendError = async (
    res: ServerResponse,
    reply: FakeErrorReply,
    headers: Readonly<Record<string, string>>,
  ): Promise<number | undefined> => {
    if (!(await waitUnlessClosed(reply.delayMs ?? 0, res))) return undefined;
    const body = openAIErrorBody(reply.status, {
      ...(reply.message === undefined ? {} : { message: reply.message }),
      ...(reply.type === undefined ? {} : { type: reply.type }),
      ...(reply.code === undefined ? {} : { code: reply.code }),
      ...(reply.param === undefined ? {} : { param: reply.param }),
    });
    const responseHeaders: Record<string, string> = { ...headers };
    if (reply.retryAfterSeconds !== undefined) responseHeaders['retry-after'] = String(reply.retryAfterSeconds);
    sendJson(res, reply.status, body, responseHeaders);
    return reply.status;
  };

  const sendSuccess = async (
    res: ServerResponse,
    body: ChatCompletionCreateParams,
    reply: FakeSuccessReply,
    headers: Readonly<Record<string, string>>,
    markDroppedByServer: () => void,
  ): Promise<number | undefined> => {
    if (!(await waitUnlessClosed(reply.delayMs ?? 0, res))) return undefined;
    const identity: CompletionIdentity = {
      id: `chatcmpl-fake${completionCounter}`,
      created: Math.floor(Date.now() / 1000),
      model: body.model,
    };
    const message = planMessage(reply, () => {
      toolCallCounter += 1;
      return `call_fake_${toolCallCounter}`;
    });
    const usage = computeUsage(body, message, reply.usage);
    if (body.stream !== true) {
      sendJson(res, 200, toChatCompletion(identity, message, usage), headers);
      return 200;
    }
    const includeUsage = body.stream_options?.include_usage === true;
    const events = toChatCompletionChunks(identity, message, includeUsage ? usage : undefined).map(
      (chunk) => `data: ${JSON.stringify(chunk)}\n\n`,
    );
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...headers,
    });
    res.flushHeaders();
    for (const [index, event] of events.entries()) {
      if (reply.interruptAfterChunks !== undefined && index >= reply.interruptAfterChunks) {
        if (reply.interruptWith === 'error-event') {
          res.end(`data: ${JSON.stringify(openAIErrorBody(500))}\n\n`);
        } else {
          markDroppedByServer();
          res.destroy();
        }
        return 200;
      }
      if (index > 0 && !(await waitUnlessClosed(reply.chunkDelayMs ?? 0, res))) return 200;
      if (res.destroyed) return 200;
      res.write(event);
    }
    res.end('data: [DONE]\n\n');
    return 200;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = req.method ?? 'GET';
    const rawBody = await readRequestBody(req);
    completionCounter += 1;
    const headers = {
      'x-request-id': `req_fake${completionCounter}`,
      'openai-version': '2020-10-01',
      'openai-processing-ms': '1',
    };
    const refuse = (status: number, message: string, param: string | null = null): void => {
      unmatched.push({ method, path: url.pathname, rawBody, headers: req.headers, at: Date.now(), status });
      sendJson(res, status, openAIErrorBody(status, { message, type: 'invalid_request_error', code: null, param }), headers);
    };

    if (method !== 'POST' || url.pathname.replace(/\/+$/, '') !== CHAT_PATH) {
      refuse(404, `Invalid URL (${method} ${url.pathname})`);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(rawBody);
    } catch {
      refuse(
        400,
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
      );
      return;
    }
    if (!isChatRequest(parsed)) {
      refuse(400, "Missing required parameter: 'model' or 'messages'.", 'messages');
      return;
    }

    const record: MutableChatRecord = {
      body: parsed,
      headers: req.headers,
      at: Date.now(),
      closedByClient: false,
      status: undefined,
      reply: undefined,
    };
    records.push(record);
    let droppedByServer = false;
    res.once('close', () => {
      if (!res.writableFinished && !droppedByServer && !server.isStopping()) {
        record.closedByClient = true;
        notify();
      }
    });
    notify();

    const denied = authProblem(req.headers);
    if (denied !== undefined) {
      record.status = await sendError(res, denied, headers);
      return;
    }
    const reply = queue.shift() ?? replyWhenEmpty(parsed);
    assertReplyIsCoherent(reply);
    record.reply = reply;
    if (isHangReply(reply)) return;
    if (isGarbageReply(reply)) {
      res.writeHead(200, { ...headers, 'content-type': 'application/json' });
      res.end(reply.garbage);
      record.status = 200;
      return;
    }
    record.status = isErrorReply(reply)
      ? await sendError(res, reply, headers)
      : await sendSuccess(res, parsed, reply, headers, () => {
          droppedByServer = true;
        });
  };

  const server = await startLoopbackServer(handle);

  return {
    url: `${server.origin}/v1`,
    port: server.port,
    enqueue: (...replies) => {
      for (const reply of replies) assertReplyIsCoherent(reply);
      queue.push(...replies);
    },
    setDefaultReply: (fn) => {
      replyWhenEmpty = fn ?? defaultReply;
    },
    pendingReplies: () => queue.length,
    requests: () => records.map(snapshot),
    unmatchedRequests: () => [...unmatched],
    waitForRequests: (n, timeoutMs = DEFAULT_WAIT_MS) =>
      waitUntil(
        () => (records.length >= n ? records.map(snapshot) : undefined),
        timeoutMs,
        () => `fake OpenAI: expected ${n} request(s) within ${timeoutMs} ms, got ${records.length}`,
      ),
    waitForClientClose: (timeoutMs = DEFAULT_WAIT_MS) =>
      waitUntil(
        () => {
          const closed = records.find((record) => record.closedByClient);
          return closed === undefined ? undefined : snapshot(closed);
        },
        timeoutMs,
        () => `fake OpenAI: no request was closed by the client within ${timeoutMs} ms`,
      ),
    reset: () => {
      queue = [];
      replyWhenEmpty = defaultReply;
      records = [];
      unmatched = [];
    },
    stop: async () => {
      for (const waiter of [...waiters]) waiter.fail(new Error('fake OpenAI stopped'));
      await server.stop();
    },
  };
};
