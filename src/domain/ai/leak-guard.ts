/** Streams text through while watching for a secret (the system prompt's canary), even when it is split across chunks. */
export interface LeakGuard {
  /** Text safe to pass on now: everything but a tail that could still turn out to begin the secret; '' once tripped. */
  readonly push: (delta: string) => string;
  /** The held-back tail at the end of the stream ('' once tripped). */
  readonly flush: () => string;
  readonly isTripped: () => boolean;
}

/** The length of the longest tail of `text` that begins `secret` (shorter than the whole secret). */
const heldTail = (text: string, secret: string): number => {
  for (let k = Math.min(secret.length - 1, text.length); k > 0; k--) if (text.endsWith(secret.slice(0, k))) return k;
  return 0;
};

/** A guard for `secret`: text passes straight through unless its end could be the start of the secret. An empty secret never trips. */
export const makeLeakGuard = (secret: string): LeakGuard => {
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
      const cut = pending.length - (secret === '' ? 0 : heldTail(pending, secret));
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
