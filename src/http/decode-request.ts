import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import type { AppError } from '../domain/app-error';
import { toValidationIssues } from '../domain/errors/validation-issues';

/** Decodes one part of a request (`body`, `query`, `params`) into a ValidationFailed error on failure. */
export const decodePart = <A, O>(where: 'body' | 'query' | 'params', codec: t.Type<A, O, unknown>, input: unknown): E.Either<AppError, A> =>
  pipe(
    codec.decode(input),
    E.mapLeft((errors): AppError => ({ _tag: 'ValidationFailed', details: toValidationIssues(where, errors) })),
  );
