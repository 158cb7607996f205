import type { RateLimitedCode, UnauthorizedCode } from './errors/error-codes';
import type { UnprocessableTxCode } from './tx/action-plan';

/**
 * Every expected failure a service can return, as a tagged value.
 * `cause` is for logs only and never reaches a client.
 * domain/errors/to-error-reply.ts maps each tag to a status and a stable code; the compiler checks it is exhaustive.
 */
export interface ValidationIssue {
  readonly path: string;
  readonly expected: string;
}

export type AppError =
  | { readonly _tag: 'ValidationFailed'; readonly details: ReadonlyArray<ValidationIssue> }
  | { readonly _tag: 'InvalidAddress'; readonly input: string }
  | { readonly _tag: 'AddressNotAssociated'; readonly input: string }
  | { readonly _tag: 'NotFound'; readonly resource: string }
  | { readonly _tag: 'Conflict'; readonly message: string }
  | { readonly _tag: 'Unauthorized'; readonly code: UnauthorizedCode; readonly message: string }
  | { readonly _tag: 'Forbidden'; readonly message: string }
  | { readonly _tag: 'NotOwner'; readonly resource: string }
  | { readonly _tag: 'UnprocessableTx'; readonly code: UnprocessableTxCode; readonly message: string }
  | { readonly _tag: 'PayloadTooLarge'; readonly limitBytes: number }
  | { readonly _tag: 'UnsupportedMediaType'; readonly what: 'content encoding' | 'charset' }
  | { readonly _tag: 'UnreadableRequest'; readonly reason: string }
  | { readonly _tag: 'RateLimited'; readonly code: RateLimitedCode; readonly retryAfterSeconds: number }
  | { readonly _tag: 'RpcUnavailable'; readonly cause?: unknown }
  | { readonly _tag: 'UpstreamBadResponse'; readonly service: string; readonly cause?: unknown }
  | { readonly _tag: 'UpstreamUnavailable'; readonly service: string; readonly cause?: unknown; readonly retryAfterSeconds?: number }
  | { readonly _tag: 'DependencyUnavailable'; readonly dependency: string; readonly cause?: unknown }
  | { readonly _tag: 'Timeout'; readonly operation: string };

export type AppErrorTag = AppError['_tag'];

export const validationFailed = (details: ReadonlyArray<ValidationIssue>): AppError => ({ _tag: 'ValidationFailed', details });
export const notFound = (resource: string): AppError => ({ _tag: 'NotFound', resource });
