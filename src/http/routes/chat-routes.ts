import type { Request, Response } from 'express';
import { Router } from 'express';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { AppError } from '../../domain/app-error';
import { boundedTextCodec } from '../../domain/ai/answer-text';
import { MAX_CHAT_MESSAGE_LENGTH } from '../../domain/ai/chat-limits';
import { isChatAborted, type ChatAborted, type ChatOptions, type ChatReply, type ChatService } from '../../services/chat/chat-service';
import { handleChatMessage, type ChatReplyEvent } from '../../services/chat/handle-chat-message';
import type { Logger } from '../../infra/logging/logger';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { decodePart, toValidationIssues } from '../decode-request';
import { sendError, sendOk } from '../envelope';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';
import { abortOnClose } from './ai-routes';

const MAX_PAGE = 100;
const SSE_HEARTBEAT_MS = 15_000;

const MessageBody = t.intersection([
  t.exact(t.type({ message: boundedTextCodec(MAX_CHAT_MESSAGE_LENGTH) })),
  t.exact(t.partial({ context: t.exact(t.partial({ includePortfolio: t.boolean, includeMarketData: t.boolean })) })),
]);
const AnalysisBody = t.exact(t.partial({ focus: t.keyof({ performance: null, risk: null, opportunities: null, comprehensive: null }) }));

const LimitFromString = new t.Type<number, string, unknown>(
  `integer from 1 to ${MAX_PAGE}`,
  (u): u is number => typeof u === 'number' && Number.isInteger(u) && u >= 1 && u <= MAX_PAGE,
  (u, c) => {
    const n = typeof u === 'string' && /^\d{1,3}$/.test(u) ? Number(u) : NaN;
    return Number.isInteger(n) && n >= 1 && n <= MAX_PAGE ? t.success(n) : t.failure(u, c);
  },
  String,
);
const HistoryQuery = t.exact(t.partial({ limit: LimitFromString, before: t.string }));

const wantsEventStream = (req: Request): boolean => (req.get('accept') ?? '').toLowerCase().includes('text/event-stream');

/**
 * Answers a chat turn as JSON, or as Server-Sent Events when the client accepts `text/event-stream`:
 * `event: chunk` `{ id, delta }` as the answer is written, then `event: done` with the full message (or `event: error`).
 * Refusals that happen before the answer starts (400, 429, 503) are plain JSON errors with their status.
 * When the client disconnects, the model request is aborted and nothing is stored.
 */
const answerChat = async (req: Request, res: Response, run: (options: ChatOptions) => TE.TaskEither<AppError | ChatAborted, ChatReply>): Promise<void> => {
  const signal = abortOnClose(res);
  if (!wantsEventStream(req)) {
    const result = await run({ signal })();
    if (res.headersSent) return;
    if (E.isRight(result)) return sendOk(res, result.right);
    if (isChatAborted(result.left)) return;
    return sendError(res, toHttpError(result.left));
  }

  let heartbeat: NodeJS.Timeout | undefined;
  const write = (event: string, data: unknown) => {
    if (!res.writableEnded && !res.destroyed) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const open = () => {
    if (res.headersSent) return;
    res.status(200);
    res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
    res.setHeader('Cache-Control', 'no-cache, no-transform');
    res.setHeader('Connection', 'keep-alive');
    res.setHeader('X-Accel-Buffering', 'no');
    res.flushHeaders();
    heartbeat = setInterval(() => {
      if (!res.writableEnded) res.write(': keep-alive\n\n');
    }, SSE_HEARTBEAT_MS);
    heartbeat.unref();
  };
  try {
    const result = await run({ signal, stream: { onStart: open, onChunk: (id, delta) => write('chunk', { id, delta }) } })();
    if (E.isRight(result)) {
      open();
      write('done', result.right);
    } else if (!isChatAborted(result.left)) {
      const error = toHttpError(result.left);
      if (!res.headersSent) return sendError(res, error);
      write('error', { code: error.code, message: error.message });
    }
    if (!res.writableEnded) res.end();
  } finally {
    clearInterval(heartbeat);
  }
};

/** `/api/chat/*`: the signed-in wallet's assistant chat and its own history (no other wallet's is ever readable). */
export const chatRoutes = (deps: { readonly auth: AccessTokenVerifier; readonly chat: ChatService }): Router => {
  const router = Router();
  router.use('/chat', requireAuth(deps.auth));

  router.post('/chat/message', (req, res) => {
    const body = decodePart('body', MessageBody, req.body ?? {});
    if (E.isLeft(body)) return sendError(res, toHttpError(body.left));
    return answerChat(req, res, (options) => deps.chat.send(authedWallet(res), body.right, options));
  });

  router.post('/chat/analysis', (req, res) => {
    const body = decodePart('body', AnalysisBody, req.body ?? {});
    if (E.isLeft(body)) return sendError(res, toHttpError(body.left));
    return answerChat(req, res, (options) => deps.chat.analysis(authedWallet(res), body.right.focus ?? 'comprehensive', options));
  });

  router.get('/chat/history', (req, res) => {
    const query = decodePart('query', HistoryQuery, req.query);
    if (E.isLeft(query)) return sendError(res, toHttpError(query.left));
    return respond(res, deps.chat.history(authedWallet(res), query.right.limit ?? 50, query.right.before));
  });

  router.delete('/chat/history', (_req, res) => respond(res, deps.chat.deleteHistory(authedWallet(res))));

  return router;
};

/** The part of a Socket.IO server socket the chat needs (the realtime layer's socket fits it). */
export interface ChatSocket {
  readonly id: string;
  readonly data: { readonly session: { readonly wallet: WalletAddress } | null };
  on(event: 'chat_message', listener: (...args: unknown[]) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
  emit(event: 'chat_chunk', chunk: { readonly id: string; readonly delta: string }): unknown;
  emit(event: 'chat_response', response: ChatReplyEvent): unknown;
}

const MessagePayload = t.exact(t.type({ message: boundedTextCodec(MAX_CHAT_MESSAGE_LENGTH) }));

/**
 * Socket.IO `chat_message` `{ message }` (token required): `chat_chunk` events as the answer is written, then
 * `chat_response`; acknowledged `{ ok: true, data: reply }` or `{ ok: false, error: { code, message } }` with the REST
 * codes (UNAUTHORIZED, VALIDATION_ERROR, AI_RATE_LIMITED, AI_BUDGET_EXCEEDED, …). A socket that disconnects mid-answer
 * aborts the model request and nothing is stored. Register with the realtime server's `onConnection`.
 */
export const chatSocketHook =
  (deps: { readonly chat: ChatService; readonly logger: Logger }) =>
  (socket: ChatSocket): void => {
    const handle = handleChatMessage({ chat: deps.chat });
    const controllers = new Set<AbortController>();
    socket.on('disconnect', () => controllers.forEach((c) => c.abort()));
    socket.on('chat_message', (...args: unknown[]) => {
      const last = args[args.length - 1];
      const ack = typeof last === 'function' ? (value: unknown) => (last as (v: unknown) => void)(value) : () => undefined;
      const fail = (e: AppError) => {
        const http = toHttpError(e);
        ack({ ok: false, error: { code: http.code, message: http.message, ...(http.details === undefined ? {} : { details: http.details }) } });
      };
      const session = socket.data.session;
      if (session === null) return fail({ _tag: 'Unauthorized', code: 'UNAUTHORIZED', message: 'Sign in first: connect with auth: { token }' });
      const payload = MessagePayload.decode(typeof args[0] === 'function' ? undefined : args[0]);
      if (E.isLeft(payload)) return fail({ _tag: 'ValidationFailed', details: toValidationIssues('payload', payload.left) });
      const controller = new AbortController();
      controllers.add(controller);
      const emit = {
        chunk: (id: string, delta: string) => socket.emit('chat_chunk', { id, delta }),
        done: (response: ChatReplyEvent) => socket.emit('chat_response', response),
      };
      handle(session.wallet, payload.right.message, emit, controller.signal).then(
        (result) => {
          controllers.delete(controller);
          if (E.isRight(result)) return ack({ ok: true, data: result.right });
          if (!isChatAborted(result.left)) fail(result.left);
        },
        (cause: unknown) => {
          controllers.delete(controller);
          deps.logger.error('chat_message handler threw', { socketId: socket.id, cause });
          ack({ ok: false, error: { code: 'INTERNAL_ERROR', message: 'Something went wrong on our side' } });
        },
      );
    });
  };
