import type { FallbackReason } from '../../domain/ai/rule-based-notice';
import type { ModelFailure } from './chat-model';

/**
 * Why an AI answer came from the rules instead of the model: no model configured, the model call failed (by kind),
 * or the model's answer was withheld (it repeated the system prompt's canary).
 */
export type AiFallbackReason = 'not_configured' | 'unavailable' | 'timeout' | 'rate_limited' | 'bad_response' | 'aborted' | 'answer_withheld';

/** The reason for a failed model call; a call cut by our own deadline counts as a timeout. */
export const fallbackReasonOf = (failure: ModelFailure, deadlineExpired: boolean): AiFallbackReason => {
  if (deadlineExpired) return 'timeout';
  switch (failure._tag) {
    case 'ModelUnavailable':
      return 'unavailable';
    case 'ModelTimeout':
      return 'timeout';
    case 'ModelRateLimited':
      return 'rate_limited';
    case 'ModelBadResponse':
      return 'bad_response';
    case 'ModelAborted':
      return 'aborted';
  }
};

/** What the rule-based answer tells the user: no model, or the model could not answer. */
export const noticeReasonOf = (why: AiFallbackReason): FallbackReason => (why === 'not_configured' ? 'not_configured' : 'model_unavailable');
