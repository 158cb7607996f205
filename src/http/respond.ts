import type { Response } from 'express';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../domain/app-error';
import { sendError, sendOk } from './envelope';
import { toHttpError } from './to-http-error';

/** Runs a service result and answers it: the data in the success envelope, or the mapped error. */
export const respond = async <A>(res: Response, result: TE.TaskEither<AppError, A>, status = 200): Promise<void> => {
  const outcome = await result();
  if (E.isLeft(outcome)) return sendError(res, toHttpError(outcome.left));
  sendOk(res, outcome.right, status);
};
