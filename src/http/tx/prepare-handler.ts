import type { RequestHandler } from 'express';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { PreparedTransactions } from '../../domain/tx/prepared-transactions';
import { preparedTransactionsJson } from '../../domain/tx/prepared-transactions-json';
import { decodePart } from '../decode-request';
import { sendError } from '../envelope';
import { authedWallet } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

/**
 * The handler of every prepare route (behind requireAuth): the body decoded with `body` (400 on any problem, before
 * anything else runs), then `prepare` for the signed-in wallet, answered as API.md's JSON.
 */
export const prepareHandler =
  <A, O>(body: t.Type<A, O, unknown>, prepare: (wallet: WalletAddress, body: A) => TE.TaskEither<AppError, PreparedTransactions>): RequestHandler =>
  (req, res) => {
    const decoded = decodePart('body', body, req.body);
    if (E.isLeft(decoded)) return sendError(res, toHttpError(decoded.left));
    return respond(res, TE.map(preparedTransactionsJson)(prepare(authedWallet(res), decoded.right)));
  };
