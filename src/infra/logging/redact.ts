const SECRET_KEY = /authorization|cookie|api[-_]?key|signature|secret|password|passwd|token|private[-_]?key|encryption[-_]?key/i;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]+/gi;
const URL_SECRET_PARAM = /([?&](?:api[-_]?key|key|token|x_cg_[a-z]+_api_key)=)[^&\s"']+/gi;
const URL_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/\s@]*:)[^@/\s]+@/gi;

export const REDACTED = '[REDACTED]';

/** Masks secrets inside free text: bearer tokens, credentials in URLs, key query parameters. */
export const redactText = (text: string): string =>
  text.replace(BEARER, `$1 ${REDACTED}`).replace(URL_SECRET_PARAM, `$1${REDACTED}`).replace(URL_PASSWORD, `$1${REDACTED}@`);

/** Deep copy of `value` with secret-looking keys masked and secrets in strings redacted. */
export const redactValue = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return redactText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (value instanceof Error) return { name: value.name, message: redactText(value.message), stack: value.stack === undefined ? undefined : redactText(value.stack) };
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null && v !== '' ? REDACTED : redactValue(v, depth + 1);
  }
  return out;
};
