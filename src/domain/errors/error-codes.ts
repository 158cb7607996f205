// The stable codes of the AppError variants that carry one; clients switch on these, so never rename one.
// A closed union keeps toErrorReply exhaustive: a new code is added here, where the compiler and API.md see it.

/** 401: sign-in (SIWE) and token checks. */
export type UnauthorizedCode =
  | 'SIWE_INVALID_MESSAGE'
  | 'SIWE_DOMAIN_MISMATCH'
  | 'SIWE_URI_MISMATCH'
  | 'SIWE_CHAIN_MISMATCH'
  | 'SIWE_EXPIRED'
  | 'SIWE_NOT_YET_VALID'
  | 'SIWE_ISSUED_AT_TOO_OLD'
  | 'SIWE_ISSUED_AT_IN_FUTURE'
  | 'SIWE_NONCE_INVALID'
  | 'SIWE_BAD_SIGNATURE'
  | 'UNAUTHORIZED'
  | 'TOKEN_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_REVOKED';

/** 429: the per-client request limits (all of /api, the AI routes) and the daily AI budget. */
export type RateLimitedCode = 'RATE_LIMITED' | 'AI_RATE_LIMITED' | 'AI_BUDGET_EXCEEDED';
