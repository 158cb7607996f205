import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';

/** Token ids revoked before their expiry (logout, data erasure); each entry lives until the token would have expired. */
export interface RevokedTokens {
  readonly revoke: (jti: string, until: Date) => TE.TaskEither<AppError, void>;
  readonly isRevoked: (jti: string) => TE.TaskEither<AppError, boolean>;
}
