// What the AI and chat services need from outside besides the model (chat-model.ts) and the data they ground answers
// in (wallet-data.ts). Filled in src/composition/ai.ts.

/** One call counted against a limit: allowed (with what is left) or refused until `retryAfterSeconds`. */
export type RateDecision = { readonly allowed: true; readonly remaining: number } | { readonly allowed: false; readonly retryAfterSeconds: number };

/** AI calls per key per window, shared by every worker through Redis when configured (infra/rate-limit). */
export interface AiCallLimiter {
  readonly consume: (key: string) => Promise<RateDecision>;
}

/**
 * Model tokens counted per key until the key expires: the storage of the daily token budget. Never fails: while the
 * shared store is down, counts are kept in this process (infra/token-usage).
 */
export interface TokenUsageCounter {
  /** Tokens counted under `key` so far (0 when none). */
  readonly read: (key: string) => Promise<number>;
  /** Adds `tokens` under `key`, kept until `expireAt`. */
  readonly add: (key: string, tokens: number, expireAt: Date) => Promise<void>;
}
