import type { Cache } from '../../infra/cache/cache';
import type { Logger } from '../../infra/logging/logger';
import type { RateLimiter } from '../../infra/rate-limit/rate-limiter';
import type { AiFallbackReason } from './ai-fallback-reason';
import type { ChatModel } from './chat-model';
import type { TokenBudget } from './token-budget';
import type { WalletData } from './wallet-data';

/** What the AI and chat services share. Filled by `makeAssistant` in main.ts. */
export interface AssistantDeps {
  /** Undefined when no OPENAI_API_KEY is configured: every answer is rule-based. */
  readonly model: ChatModel | undefined;
  readonly data: WalletData;
  /** AI calls per wallet per window (AI_RATE_LIMIT_MAX per AI_RATE_LIMIT_WINDOW_MS), shared through Redis. */
  readonly limiter: RateLimiter;
  readonly budget: TokenBudget;
  /** Where model answers are kept for an hour, keyed by the figures they were built from. */
  readonly cache: Cache;
  readonly logger: Logger;
  readonly now: () => Date;
  /** A random marker in every system prompt; an answer that contains it is withheld. */
  readonly canary: string;
  /** The longest a request may wait for the model in total (retries and tool steps included) before the rule-based answer. */
  readonly deadlineMs: number;
  /** Model calls per chat answer at most (tool-call loop). */
  readonly maxToolSteps: number;
  /** Told each time an answer comes from the rules instead of the model (the metrics count them). */
  readonly recordFallback: (reason: AiFallbackReason) => void;
}
