import { sanitizeChainString } from '../tokens/sanitize-chain-string';

/** Longest free-text string (a warning, a risk explanation) kept in prompt data. */
export const MAX_DATA_STRING_LENGTH = 400;

/**
 * A deep copy of `value` safe to quote to a model or a client: every string stripped of control, bidi and zero-width
 * characters and bounded to `maxLength`; non-finite numbers become null. Keys are ours and kept as they are.
 */
export const sanitizePromptData = (value: unknown, maxLength: number = MAX_DATA_STRING_LENGTH): unknown => {
  if (typeof value === 'string') return sanitizeChainString(value, maxLength);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map((v: unknown) => sanitizePromptData(v, maxLength));
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, sanitizePromptData(v, maxLength)]));
  }
  return value;
};
