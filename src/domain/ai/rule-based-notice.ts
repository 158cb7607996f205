/** Why an answer is rule-based: no model configured, or the model failed (unreachable, timed out, answered garbage). */
export type FallbackReason = 'not_configured' | 'model_unavailable';

/** The sentence every rule-based answer starts with, so it never passes for the model's. */
export const ruleBasedNotice = (reason: FallbackReason): string =>
  reason === 'not_configured'
    ? 'Rule-based answer (no AI model is configured): computed from your wallet\'s real figures.'
    : 'Rule-based answer (the AI model could not answer just now): computed from your wallet\'s real figures.';

/** The `model` reported with a rule-based answer. */
export const RULE_BASED_MODEL = 'rule-based-v1';
