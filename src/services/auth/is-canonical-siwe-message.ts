import { createSiweMessage, type SiweMessage } from 'viem/siwe';

/** EIP-4361 date-time lines; their value may be any RFC 3339 spelling of the instant (viem writes toISOString()). */
const DATE_LINE = /^(Issued At|Expiration Time|Not Before): (\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))$/gm;

const withIsoDates = (text: string): string => text.replace(DATE_LINE, (line, field: string, value: string) => {
  const instant = new Date(value);
  return Number.isNaN(instant.getTime()) ? line : `${field}: ${instant.toISOString()}`;
});

/**
 * Whether `message` is exactly what its parsed fields serialise back to, so the fields checked are all the signer
 * saw: no line the parser skipped (a multi-line statement, an extra or reordered line, CRLF, trailing text).
 * Only date-time values are compared as instants, since wallets may write `…:55Z` for `…:55.000Z`.
 */
export const isCanonicalSiweMessage = (message: string, parsed: SiweMessage): boolean => {
  try {
    return createSiweMessage(parsed) === withIsoDates(message);
  } catch {
    // createSiweMessage refuses fields EIP-4361 forbids (a statement with a line break, a bad URI or resource).
    return false;
  }
};
