/** Streams text through while watching for a secret (the system prompt's canary), even when it is split across chunks. */
export interface LeakGuard {
  /** Text safe to pass on now: everything but a tail that could still turn out to begin the secret; '' once tripped. */
  readonly push: (delta: string) => string;
  /** The held-back tail at the end of the stream ('' once tripped). */
  readonly flush: () => string;
  readonly isTripped: () => boolean;
}

/** A guard for `secret`; an empty secret never trips. */
export const makeLeakGuard = (secret: string): LeakGuard => {
  const hold = Math.max(0, secret.length - 1);
  let pending = '';
  let tripped = false;
  return {
    push: (delta) => {
      if (tripped) return '';
      pending += delta;
      if (secret !== '' && pending.includes(secret)) {
        tripped = true;
        pending = '';
        return '';
      }
      const cut = Math.max(0, pending.length - hold);
      const out = pending.slice(0, cut);
      pending = pending.slice(cut);
      return out;
    },
    flush: () => {
      const out = tripped ? '' : pending;
      pending = '';
      return out;
    },
    isTripped: () => tripped,
  };
};

/** What a client gets instead of an answer that repeated the system prompt's canary. */
export const WITHHELD_ANSWER = 'I can’t share my instructions. Ask me about your portfolio, its risk or the market instead.';
