import type { Request, Response } from 'express';
import { Router } from 'express';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { limitFromString } from '../limit-query';
import type { AppError } from '../../domain/app-error';
import { boundedTextCodec } from '../../domain/ai/answer-text';
import { MAX_CHAT_MESSAGE_LENGTH } from '../../domain/ai/chat-limits';
import { isChatAborted, type ChatAborted, type ChatOptions, type ChatReply, type ChatService } from '../../services/chat/chat-service';
import { decodePart } from '../decode-request';
import { sendError, sendOk } from '../envelope';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';
import { abortOnClose } from './ai-routes';

const MAX_PAGE = 100;
const SSE_HEARTBEAT_MS = 15_000;

export const MessageBody = t.intersection([
  t.exact(t.type({ message: boundedTextCodec(MAX_CHAT_MESSAGE_LENGTH) })),
  t.exact(t.partial({ context: t.exact(t.partial({ includePortfolio: t.boolean, includeMarketData: t.boolean })) })),
]);
export const AnalysisBody = t.exact(t.partial({ focus: t.keyof({ performance: null, risk: null, opportunities: null, comprehensive: null }) }));

export const HistoryQuery = t.exact(t.partial({ limit: limitFromString(MAX_PAGE), before: t.string }));

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
