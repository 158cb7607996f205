import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as O from 'fp-ts/Option';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { RULE_BASED_MODEL, type FallbackReason } from '../../domain/ai/rule-based-notice';
import type { AiTask } from '../../domain/ai/system-prompt';
import { ANSWER_TTL_SECONDS, answerCacheKey } from './answer-cache-key';
import { fallbackReasonOf, noticeReasonOf, type AiFallbackReason } from './ai-fallback-reason';
import type { AssistantDeps } from './assistant-deps';
import type { ChatModel, ModelFailure } from './chat-model';
import { meteredModel } from './metered-model';
import { withDeadline } from './with-deadline';

/** Who produced an answer: `provider` is "openai" or "heuristic"; `cachedAt` is set when a stored model answer was reused. */
export interface Provenance {
  readonly provider: string;
  readonly model: string;
  readonly generatedAt: string;
  readonly cachedAt?: string;
}

export interface ModelOrRulesRequest<A> {
  readonly wallet: WalletAddress;
  readonly task: AiTask;
  /** Everything the answer depends on besides the model: the cache key is their hash. */
  readonly cacheParts: unknown;
  /** Decodes the cached copy. */
  readonly codec: t.Type<A, unknown, unknown>;
  /** The model call (already metered and under the deadline). */
  readonly ask: (model: ChatModel, signal: AbortSignal) => TE.TaskEither<ModelFailure, A>;
  /** The rule-based answer. */
  readonly rules: (reason: FallbackReason) => TE.TaskEither<AppError, A>;
  readonly signal?: AbortSignal;
}

/**
 * One answer, from the model when it is configured and answers well, otherwise from the rules; never both, and always
 * saying which. A model answer is stored for an hour under the hash of its inputs and reused. The wallet's daily token
 * budget is checked before any model call (429 AI_BUDGET_EXCEEDED); a reused answer costs nothing and is served anyway.
 */
export const modelOrRules =
  (deps: AssistantDeps) =>
  <A>(request: ModelOrRulesRequest<A>): TE.TaskEither<AppError, A & Provenance> =>
  async () => {
    const fromRules = async (why: AiFallbackReason): Promise<E.Either<AppError, A & Provenance>> => {
      deps.recordFallback(why);
      const reason = noticeReasonOf(why);
      const answer = await request.rules(reason)();
      return E.map((a: A) => ({ ...a, provider: 'heuristic', model: RULE_BASED_MODEL, generatedAt: deps.now().toISOString() }))(answer);
    };
    const model = deps.model;
    if (model === undefined) return fromRules('not_configured');

    const key = answerCacheKey(request.task, { model: model.model, parts: request.cacheParts });
    const Stored = t.type({ answer: request.codec, provider: t.string, model: t.string, generatedAt: t.string });
    const hit = await deps.cache.get(key, Stored)();
    if (O.isSome(hit)) {
      const { answer, provider, model: name, generatedAt } = hit.value;
      return E.right({ ...answer, provider, model: name, generatedAt, cachedAt: generatedAt });
    }

    const budget = await deps.budget.ensureAvailable(request.wallet)();
    if (E.isLeft(budget)) return budget;

    const deadline = withDeadline(deps.deadlineMs, request.signal);
    try {
      const answer = await request.ask(meteredModel(model, request.wallet, deps.budget), deadline.signal)();
      if (E.isLeft(answer)) {
        deps.logger.warn('model answer unavailable; answering from the rules', { task: request.task, failure: answer.left._tag, deadlineExpired: deadline.expired() });
        return fromRules(fallbackReasonOf(answer.left, deadline.expired()));
      }
      if (JSON.stringify(answer.right).includes(deps.canary)) {
        deps.logger.warn('model answer repeated the system prompt canary; withheld', { task: request.task });
        return fromRules('answer_withheld');
      }
      const generatedAt = deps.now().toISOString();
      await deps.cache.set(key, { answer: answer.right, provider: model.provider, model: model.model, generatedAt }, ANSWER_TTL_SECONDS, Stored)();
      return E.right({ ...answer.right, provider: model.provider, model: model.model, generatedAt });
    } finally {
      deadline.dispose();
    }
  };
