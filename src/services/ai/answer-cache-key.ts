import { createHash } from 'node:crypto';

/** How long a model answer is reused for the same figures and parameters. */
export const ANSWER_TTL_SECONDS = 3600;

/** A cache key from everything an answer depends on (task, parameters, model, the exact data sent): the same inputs give the same key. */
export const answerCacheKey = (task: string, parts: unknown): string =>
  `ai-answer:${task}:${createHash('sha256').update(JSON.stringify(parts)).digest('hex')}`;
