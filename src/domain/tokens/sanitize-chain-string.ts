// Control characters (C0, DEL, C1), bidirectional overrides and isolates, zero-width characters.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/** Makes a string read from the chain (a token name or symbol) safe to show and to quote: no control or bidi characters, bounded length. */
export const sanitizeChainString = (raw: string, maxLength: number): string => {
  const clean = raw.replace(UNSAFE, '').replace(/\s+/g, ' ').trim();
  return clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
};

export const MAX_SYMBOL_LENGTH = 16;
export const MAX_NAME_LENGTH = 48;
