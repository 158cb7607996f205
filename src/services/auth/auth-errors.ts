import type { AppError } from '../../domain/app-error';

/** Stable 401 codes of sign-in and token checks; clients switch on these, so never rename one. */
export type AuthErrorCode =
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

/** A 401 with one of the stable auth codes. */
export const authError = (code: AuthErrorCode, message: string): AppError => ({ _tag: 'Unauthorized', code, message });
