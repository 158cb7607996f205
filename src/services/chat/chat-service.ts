import { randomUUID } from 'node:crypto';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { CHAT_HISTORY_WINDOW, MAX_CHAT_MESSAGE_LENGTH, MAX_REPLAYED_MESSAGE_LENGTH } from '../../domain/ai/chat-limits';
import { dataSection, defuseDataMarkers } from '../../domain/ai/data-section';
import { followUpSuggestions } from '../../domain/ai/follow-up-suggestions';
import { heuristicChatAnalysis, heuristicChatReply, type ChatAnalysisFocus } from '../../domain/ai/heuristic-chat-reply';
import { makeLeakGuard, WITHHELD_ANSWER } from '../../domain/ai/leak-guard';
import { RULE_BASED_MODEL, type FallbackReason } from '../../domain/ai/rule-based-notice';
import { splitIntoSentences } from '../../domain/ai/split-into-sentences';
import { systemPrompt } from '../../domain/ai/system-prompt';
import type { ChatMessagesRepository, StoredChatMessage } from './ports';
import { admitAiCall } from '../ai/admit-ai-call';
import { fallbackReasonOf, noticeReasonOf, type AiFallbackReason } from '../ai/ai-fallback-reason';
import type { AssistantDeps } from '../ai/assistant-deps';
import type { ModelMessage } from '../ai/chat-model';
import { loadGrounding, type Grounding } from '../ai/load-grounding';
import { meteredModel } from '../ai/metered-model';
import { runToolLoop, type ToolCallRecord } from '../ai/run-tool-loop';
import { WALLET_TOOL_SPECS } from '../ai/wallet-tool-specs';
import { resolvePriceTokens, runWalletTool } from '../ai/wallet-tools';
import { withDeadline } from '../ai/with-deadline';
import { linkedSuggestion, readLendingLinks } from '../ai/lending-links';
import { minHealthFactorFor } from '../../domain/ai/portfolio-rules';
import { makeReplyStream } from './reply-stream';

/** A chat answer, as `POST /api/chat/message` returns it and `done` / `chat_response` carry it. */
export interface ChatReply {
  readonly id: string;
  readonly response: string;
  readonly suggestions: ReadonlyArray<string>;
  /** Actions the server backs with a prepare link (API.md "AI"): repay to a safe health factor, withdraw idle collateral. */
  readonly actions: ReadonlyArray<ReturnType<typeof linkedSuggestion>>;
  readonly toolCalls: ReadonlyArray<ToolCallRecord>;
  readonly provider: string;
  readonly model: string;
  readonly createdAt: string;
}

/** The client went away before the answer was complete: nothing was stored and there is no one to answer. */
export interface ChatAborted {
  readonly _tag: 'ChatAborted';
}
export const isChatAborted = (e: AppError | ChatAborted): e is ChatAborted => e._tag === 'ChatAborted';

export interface ChatStreamHooks {
  /** Called once the answer starts (after every check that could refuse it), with the id of the answer. */
  readonly onStart?: (id: string) => void;
  readonly onChunk: (id: string, delta: string) => void;
}

export interface ChatOptions {
  readonly stream?: ChatStreamHooks;
  /** Fires when the client disconnects: the model request is aborted and nothing is stored. */
  readonly signal?: AbortSignal;
}

export interface ChatInput {
  readonly message: string;
  readonly context?: { readonly includePortfolio?: boolean; readonly includeMarketData?: boolean };
}

export interface ChatHistoryPage {
  readonly messages: ReadonlyArray<{ readonly id: string; readonly role: string; readonly content: string; readonly createdAt: string }>;
}

export interface ChatService {
  readonly send: (wallet: WalletAddress, input: ChatInput, options?: ChatOptions) => TE.TaskEither<AppError | ChatAborted, ChatReply>;
  readonly analysis: (wallet: WalletAddress, focus: ChatAnalysisFocus, options?: ChatOptions) => TE.TaskEither<AppError | ChatAborted, ChatReply>;
  readonly history: (wallet: WalletAddress, limit: number, before: string | undefined) => TE.TaskEither<AppError, ChatHistoryPage>;
  readonly deleteHistory: (wallet: WalletAddress) => TE.TaskEither<AppError, { readonly deleted: number }>;
}

export interface ChatServiceDeps extends AssistantDeps {
  readonly messages: ChatMessagesRepository;
}

/** What one turn asks for: the user's words (stored as such) and how to answer them without a model. */
interface Turn {
  readonly userText: string;
  /** Data put before the user's words (preloaded portfolio / market data), if any. */
  readonly preload: (wallet: WalletAddress) => TE.TaskEither<AppError, unknown>;
  readonly rules: (g: Grounding, reason: FallbackReason) => string;
}

const invalid = (path: string, expected: string): AppError => ({ _tag: 'ValidationFailed', details: [{ path, expected }] });

/** Replayed history: the user's words defused (they may quote markers), every message bounded. */
const replay = (history: ReadonlyArray<StoredChatMessage>): ReadonlyArray<ModelMessage> =>
  history.map((m) => {
    const content = m.content.slice(0, MAX_REPLAYED_MESSAGE_LENGTH);
    return m.role === 'user' ? { role: 'user', content: defuseDataMarkers(content) } : { role: 'assistant', content };
  });

/**
 * Chat grounded in the wallet's real numbers through read-only tools, with a bounded window of history. Rate limited
 * and budgeted per wallet; streamed when asked; rule-based when the model is missing or fails. Only complete
 * exchanges are stored (encrypted): a client that disconnects mid-answer aborts the model request and leaves nothing.
 */
export const makeChatService = (deps: ChatServiceDeps): ChatService => {
  const admit = admitAiCall(deps.limiter);
  const ground = loadGrounding(deps.data);

  const respond = (wallet: WalletAddress, turn: Turn, options: ChatOptions): TE.TaskEither<AppError | ChatAborted, ChatReply> => async () => {
    const signal = options.signal;
    const id = randomUUID();
    const userMessageId = randomUUID();
    const startedAt = deps.now();
    const aborted = () => signal?.aborted === true;

    const history = await deps.messages.recent(wallet, CHAT_HISTORY_WINDOW)();
    if (E.isLeft(history)) return history;
    const model = deps.model;
    if (model !== undefined) {
      const budget = await deps.budget.ensureAvailable(wallet)();
      if (E.isLeft(budget)) return budget;
    }

    const stream = makeReplyStream(id, options.stream);

    const finish = async (response: string, provider: string, modelName: string, toolCalls: ReadonlyArray<ToolCallRecord>): Promise<E.Either<AppError | ChatAborted, ChatReply>> => {
      if (aborted()) return E.left({ _tag: 'ChatAborted' });
      stream.open();
      const createdAt = deps.now();
      const stored = await deps.messages.append(wallet, [
        { id: userMessageId, role: 'user', content: turn.userText, createdAt: startedAt },
        { id, role: 'assistant', content: response, createdAt, provider, model: modelName },
      ])();
      if (E.isLeft(stored)) deps.logger.warn('chat exchange answered but not stored', { wallet, cause: stored.left });
      const links = await readLendingLinks(deps)(wallet, minHealthFactorFor('moderate'))();
      return E.right({
        id,
        response,
        suggestions: followUpSuggestions(toolCalls.map((c) => c.name)),
        actions: links.map(linkedSuggestion),
        toolCalls,
        provider,
        model: modelName,
        createdAt: createdAt.toISOString(),
      });
    };

    const fromRules = async (why: AiFallbackReason): Promise<E.Either<AppError | ChatAborted, ChatReply>> => {
      deps.recordFallback(why);
      const reason = noticeReasonOf(why);
      const g = await ground(wallet)();
      if (E.isLeft(g)) return g;
      const text = turn.rules(g.right, reason);
      // Streamed sentence by sentence, unless a model answer was already partly streamed: then `done` carries the whole.
      if (!stream.hasText()) splitIntoSentences(text).forEach(stream.emit);
      return finish(text, 'heuristic', RULE_BASED_MODEL, []);
    };

    // Every check that could refuse the request has passed: a stream may open now.
    stream.open();
    if (model === undefined) return fromRules('not_configured');

    const preloaded = await turn.preload(wallet)();
    if (E.isLeft(preloaded)) return preloaded;
    const userContent =
      preloaded.right === undefined ? defuseDataMarkers(turn.userText) : `${defuseDataMarkers(turn.userText)}\n\nData for this question:\n${dataSection(preloaded.right)}`;
    const messages: ModelMessage[] = [{ role: 'system', content: systemPrompt('chat', deps.canary) }, ...replay(history.right), { role: 'user', content: userContent }];

    const guard = makeLeakGuard(deps.canary);
    const deadline = withDeadline(deps.deadlineMs, signal);
    try {
      const result = await runToolLoop(meteredModel(model, wallet, deps.budget), messages, {
        tools: WALLET_TOOL_SPECS,
        runTool: runWalletTool(deps.data, wallet),
        maxSteps: deps.maxToolSteps,
        signal: deadline.signal,
        ...(options.stream === undefined ? {} : { onDelta: (delta: string) => stream.emit(guard.push(delta)) }),
      })();
      if (E.isLeft(result)) {
        if (aborted()) return E.left({ _tag: 'ChatAborted' });
        deps.logger.warn('chat model unavailable; answering from the rules', { failure: result.left._tag, deadlineExpired: deadline.expired() });
        return await fromRules(fallbackReasonOf(result.left, deadline.expired()));
      }
      if (guard.isTripped() || result.right.content.includes(deps.canary)) {
        deps.logger.warn('chat answer repeated the system prompt canary; withheld', { wallet });
        if (!stream.hasText()) stream.emit(WITHHELD_ANSWER);
        return await finish(WITHHELD_ANSWER, model.provider, model.model, result.right.toolCalls);
      }
      stream.emit(guard.flush());
      return await finish(result.right.content, model.provider, model.model, result.right.toolCalls);
    } finally {
      deadline.dispose();
    }
  };

  const marketPreload = (): TE.TaskEither<AppError, unknown> => async () => {
    const { refs } = resolvePriceTokens(deps.data, ['SEI', ...deps.data.registry.tokens.map((tk) => tk.address)]);
    const prices = await deps.data.priceFeed.getPrices(refs)();
    return E.right(refs.map((r) => ({ symbol: r.symbol, usd: prices.get(r.key)?.usd ?? null, change24hPercent: prices.get(r.key)?.change24h ?? null })));
  };

  return {
    send: (wallet, input, options = {}) => {
      const message = input.message.trim();
      if (message === '') return TE.left(invalid('body.message', 'a non-empty message'));
      if (input.message.length > MAX_CHAT_MESSAGE_LENGTH) return TE.left(invalid('body.message', `at most ${MAX_CHAT_MESSAGE_LENGTH} characters`));
      const wantsPortfolio = input.context?.includePortfolio === true;
      const wantsMarket = input.context?.includeMarketData === true;
      return pipe(
        admit(wallet),
        TE.flatMap(() =>
          respond(
            wallet,
            {
              userText: message,
              preload: (w) =>
                !wantsPortfolio && !wantsMarket
                  ? TE.right(undefined)
                  : pipe(
                      wantsPortfolio ? pipe(ground(w), TE.map((g): unknown => g.promptData)) : TE.right<AppError, unknown>(undefined),
                      TE.flatMap((portfolio) =>
                        pipe(
                          wantsMarket ? marketPreload() : TE.right<AppError, unknown>(undefined),
                          TE.map((market) => ({ ...(portfolio === undefined ? {} : { wallet: portfolio }), ...(market === undefined ? {} : { market }) })),
                        ),
                      ),
                    ),
              rules: (g, reason) => heuristicChatReply(g.figures, message, reason),
            },
            options,
          ),
        ),
      );
    },

    analysis: (wallet, focus, options = {}) =>
      pipe(
        admit(wallet),
        TE.flatMap(() =>
          respond(
            wallet,
            {
              userText: `Give me a ${focus} analysis of my portfolio.`,
              preload: (w) => pipe(ground(w), TE.map((g): unknown => g.promptData)),
              rules: (g, reason) => heuristicChatAnalysis(g.figures, focus, reason),
            },
            options,
          ),
        ),
      ),

    history: (wallet, limit, before) =>
      pipe(
        deps.messages.page(wallet, limit, before),
        TE.map((messages) => ({ messages: messages.map((m) => ({ id: m.id, role: m.role, content: m.content, createdAt: m.createdAt.toISOString() })) })),
      ),

    deleteHistory: (wallet) => pipe(deps.messages.deleteAll(wallet), TE.map((deleted) => ({ deleted }))),
  };
};
