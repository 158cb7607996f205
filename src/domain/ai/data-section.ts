/** The markers around data in a prompt. The system prompt tells the model that what lies between them is data, never instructions. */
export const DATA_OPEN = '<portfolio_data>';
export const DATA_CLOSE = '</portfolio_data>';

const UNSAFE_IN_SECTION = /[<>&\u2028\u2029]/g;

/**
 * JSON text that is safe inside a data section: besides JSON's own escaping of quotes and control characters,
 * `<`, `>`, `&` and the line separators become `\uXXXX` escapes, so no value (a token named `</portfolio_data>`)
 * can close the section early. `JSON.parse` gives back exactly the same value.
 */
export const promptSafeJson = (value: unknown): string =>
  (JSON.stringify(value) ?? 'null').replace(UNSAFE_IN_SECTION, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** `value` as JSON between the data markers: the only way chain or price data enters a prompt. */
export const dataSection = (value: unknown): string => `${DATA_OPEN}\n${promptSafeJson(value)}\n${DATA_CLOSE}`;

const MARKER = /<\s*\/?\s*portfolio_data\s*>/gi;

/** Text we did not write (a user's message) with any look-alike data marker defused, so it cannot open or close a section. */
export const defuseDataMarkers = (text: string): string => text.replace(MARKER, (m) => m.replace(/</g, '‹').replace(/>/g, '›'));

/** Every data section in `text`, parsed; throws on a section that is not JSON (a bug in whoever built the text). */
export const parseDataSections = (text: string): ReadonlyArray<unknown> => {
  const found: unknown[] = [];
  let from = 0;
  for (;;) {
    const open = text.indexOf(DATA_OPEN, from);
    if (open < 0) return found;
    const close = text.indexOf(DATA_CLOSE, open);
    if (close < 0) throw new Error('unterminated data section');
    found.push(JSON.parse(text.slice(open + DATA_OPEN.length, close)));
    from = close + DATA_CLOSE.length;
  }
};

/** `text` with every data section removed: what the model reads as instructions or conversation. */
export const withoutDataSections = (text: string): string => {
  let out = '';
  let from = 0;
  for (;;) {
    const open = text.indexOf(DATA_OPEN, from);
    if (open < 0) return out + text.slice(from);
    const close = text.indexOf(DATA_CLOSE, open);
    if (close < 0) return out + text.slice(from);
    out += text.slice(from, open);
    from = close + DATA_CLOSE.length;
  }
};
