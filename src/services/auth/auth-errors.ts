import type { AppError } from '../../domain/app-error';
import type { UnauthorizedCode } from '../../domain/errors/error-codes';

/** Stable 401 codes of sign-in and token checks (listed in domain/errors/error-codes.ts). */
export type AuthErrorCode = UnauthorizedCode;

/** A 401 with one of the stable auth codes. */
export const authError = (code: AuthErrorCode, message: string): AppError => ({ _tag: 'Unauthorized', code, message });
