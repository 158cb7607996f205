import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { makeOpenAIChatModel } from '../../adapters/ai/openai-chat-model';
import type { AppConfig } from '../../config/app-config';
import type { Registry } from '../../config/registry';
import type { Cache } from '../../infra/cache/cache';
import { makeChatCipher } from '../../infra/db/chat-cipher';
import { makeChatMessagesRepository } from '../../infra/db/chat-messages-repository';
import type { Logger } from '../../infra/logging/logger';
import type { Metrics } from '../../infra/metrics';
import { makeRateLimiter } from '../../infra/rate-limit/rate-limiter';
import { makeChatService, type ChatService } from '../chat/chat-service';
import { countChatTurns } from '../chat/count-chat-turns';
import { handleChatMessage } from '../chat/handle-chat-message';
import type { HealthCheck } from '../health';
import { getHistory, getPerformance, type HistoryDeps } from '../portfolio/portfolio-history';
import type { PortfolioService } from '../portfolio/portfolio-service';
import type { PriceFeed } from '../pricing/price-feed';
import { makeAiService, type AiService } from './ai-service';
import type { AssistantDeps } from './assistant-deps';
import { makeModelHealth } from './model-health';
import { makeTokenBudget } from './token-budget';

export interface AssistantWiring {
  readonly config: AppConfig;
  readonly redis: Redis | undefined;
  readonly pool: Pool;
  readonly cache: Cache;
  readonly metrics: Metrics;
  readonly logger: Logger;
  readonly now: () => Date;
  readonly portfolio: PortfolioService;
  readonly history: HistoryDeps;
  readonly priceFeed: PriceFeed;
  readonly registry: Registry;
}

export interface Assistant {
  readonly ai: AiService;
  readonly chat: ChatService;
  /** `checks.openai` of /health: not_configured without a key, else 'down' after the last model call failed. */
  readonly openaiHealth: HealthCheck;
  /** The Socket.IO `chat_message` handler (see handle-chat-message.ts). */
  readonly handleChatMessage: ReturnType<typeof handleChatMessage>;
}

/** Model calls per chat answer at most: three tool rounds, then an answer. */
const MAX_TOOL_STEPS = 4;

/**
 * Builds the AI side from the app's config: the OpenAI model (when a key is configured), the per-wallet rate limit and
 * daily token budget (shared through Redis when there is one), the encrypted chat history, and the services.
 * A composition helper for main.ts: the one place in services that names the concrete adapters.
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
  const deps: AssistantDeps = {
    model,
    data: {
      getPortfolio: (wallet) => w.portfolio.getPortfolio(wallet),
      getPerformance: getPerformance(w.history),
      getHistory: getHistory(w.history),
      priceFeed: w.priceFeed,
      registry: w.registry,
    },
    limiter: makeRateLimiter({ name: 'ai-wallet', points: config.rateLimit.aiMax, windowMs: config.rateLimit.aiWindowMs, ...(w.redis === undefined ? {} : { redis: w.redis }) }),
    budget: makeTokenBudget({ dailyTokens: config.openai.dailyTokenBudget, ...(w.redis === undefined ? {} : { redis: w.redis }), logger: w.logger, now: w.now }),
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
    openaiHealth: async () => (model === undefined ? 'not_configured' : health.status()),
    handleChatMessage: handleChatMessage({ chat }),
  };
};
