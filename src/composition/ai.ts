import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { makeOpenAIChatModel } from '../adapters/ai/openai-chat-model';
import type { AppConfig } from '../config/app-config';
import type { Registry } from '../config/registry';
import { makeChatCipher } from '../infra/db/chat-cipher';
import { makeChatMessagesRepository } from '../infra/db/chat-messages-repository';
import type { Metrics } from '../infra/metrics';
import { makeRateLimiter } from '../infra/rate-limit/rate-limiter';
import { makeMemoryTokenCounter } from '../infra/token-usage/memory-token-counter';
import { makeRedisTokenCounter } from '../infra/token-usage/redis-token-counter';
import { makeAiService, type AiService } from '../services/ai/ai-service';
import type { AssistantDeps } from '../services/ai/assistant-deps';
import { makeModelHealth } from '../services/ai/model-health';
import { makeTokenBudget } from '../services/ai/token-budget';
import { makeChatService, type ChatService } from '../services/chat/chat-service';
import { countChatTurns } from '../services/chat/count-chat-turns';
import type { HealthCheck } from '../services/health';
import type { PortfolioHistoryService } from '../services/portfolio/portfolio-history';
import type { PortfolioService } from '../services/portfolio/portfolio-service';
import type { Cache } from '../services/ports/cache';
import type { Logger } from '../services/ports/logger';
import type { PriceFeed } from '../services/pricing/price-feed';
import { suggestLendingActions, type LendingDeps, type PrepareFromBody } from '../services/tx/lending';

export interface AssistantWiring {
  readonly config: AppConfig;
  readonly redis: Redis | undefined;
  readonly pool: Pool;
  readonly cache: Cache;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly portfolio: PortfolioService;
  readonly history: PortfolioHistoryService;
  readonly priceFeed: PriceFeed;
  readonly registry: Registry;
  /** The Yei market, for suggestions backed by a prepare link; undefined without one. */
  readonly lending: LendingDeps | undefined;
  /** The prepare routes the chat model may run through prepare_transaction (prepare and simulate only). */
  readonly prepareRoutes: Readonly<Record<string, PrepareFromBody>>;
}

export interface Assistant {
  readonly ai: AiService;
  readonly chat: ChatService;
  /** `checks.openai` of /health: not_configured without a key, else 'down' after the last model call failed. */
  readonly openaiHealth: HealthCheck;
}

/** Model calls per chat answer at most: three tool rounds, then an answer. */
const MAX_TOOL_STEPS = 4;

/**
 * The AI side from the app's config: the OpenAI model (when a key is configured), the per-wallet rate limit and
 * daily token budget (shared through Redis when there is one), the encrypted chat history, and the services.
 */
export const makeAssistant = (w: AssistantWiring): Assistant => {
  const { config } = w;
  const health = makeModelHealth();
  const model =
    config.openai.apiKey === undefined
      ? undefined
      : makeOpenAIChatModel(
          { apiKey: config.openai.apiKey, baseUrl: config.openai.baseUrl, model: config.openai.model, timeoutMs: config.openai.timeoutMs, maxTokens: config.openai.maxTokens },
          { metrics: w.metrics, logger: w.logger, health },
        );
  const localTokens = makeMemoryTokenCounter(w.now);
  const deps: AssistantDeps = {
    model,
    data: {
      getPortfolio: (wallet) => w.portfolio.getPortfolio(wallet),
      getPerformance: w.history.getPerformance,
      getHistory: w.history.getHistory,
      priceFeed: w.priceFeed,
      registry: w.registry,
      ...(w.lending === undefined ? {} : { lendingActions: suggestLendingActions(w.lending) }),
      prepareRoutes: w.prepareRoutes,
    },
    limiter: makeRateLimiter({ name: 'ai-wallet', points: config.rateLimit.aiMax, windowMs: config.rateLimit.aiWindowMs, ...(w.redis === undefined ? {} : { redis: w.redis }) }),
    budget: makeTokenBudget({
      dailyTokens: config.openai.dailyTokenBudget,
      counter: w.redis === undefined ? localTokens : makeRedisTokenCounter(w.redis, localTokens, w.logger),
      now: w.now,
    }),
    cache: w.cache,
    logger: w.logger,
    now: w.now,
    canary: `spm-${randomBytes(12).toString('hex')}`,
    // The rule-based answer must still reach the client before the request timeout answers 503.
    deadlineMs: Math.max(1000, config.server.requestTimeoutMs - 2000),
    maxToolSteps: MAX_TOOL_STEPS,
    recordFallback: (reason) => w.metrics.aiFallbacks.inc({ reason }),
  };
  const chat = countChatTurns(
    makeChatService({ ...deps, messages: makeChatMessagesRepository(w.pool, makeChatCipher(config.secrets.encryptionKey), w.logger) }),
    (outcome) => w.metrics.chatTurns.inc({ outcome }),
  );
  return {
    ai: makeAiService(deps),
    chat,
    openaiHealth: () => Promise.resolve(model === undefined ? 'not_configured' : health.status()),
  };
};
