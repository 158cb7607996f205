import { Router } from 'express';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import type { Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import { BorrowBody, RepayBody, SupplyBody, WithdrawBody } from '../../domain/tx/codecs/lending-bodies';
import type { PreparedTransactions } from '../../domain/tx/prepared-transactions';
import { preparedTransactionsJson } from '../../domain/tx/prepared-transactions-json';
import type { LendingService } from '../../services/tx/lending';
import { decodePart } from '../decode-request';
import { sendError } from '../envelope';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

/**
 * POST /api/tx/lending/supply|withdraw|borrow|repay: the Yei (Aave v3 Pool) transactions for the signed-in wallet,
 * prepared and simulated (API.md "Transactions"); 400 for a bad body, 422 UNKNOWN_ASSET / NOTHING_TO_DO. Nothing is sent.
 */
export const txLendingRoutes = (deps: { readonly auth: AccessTokenVerifier; readonly lending: LendingService }): Router => {
  const router = Router();
  router.use('/tx/lending', requireAuth(deps.auth));
  const route = <A>(action: string, codec: t.Type<A, unknown, unknown>, prepare: (wallet: Address, body: A) => TE.TaskEither<AppError, PreparedTransactions>) =>
    router.post(`/tx/lending/${action}`, (req, res) => {
      const body = decodePart('body', codec, req.body);
      if (E.isLeft(body)) return sendError(res, toHttpError(body.left));
      return respond(res, TE.map(preparedTransactionsJson)(prepare(authedWallet(res), body.right)));
    });
  route('supply', SupplyBody, deps.lending.supply);
  route('withdraw', WithdrawBody, deps.lending.withdraw);
  route('borrow', BorrowBody, deps.lending.borrow);
  route('repay', RepayBody, deps.lending.repay);
  return router;
};
