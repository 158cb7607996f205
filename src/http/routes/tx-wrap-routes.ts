import { Router } from 'express';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { AmountOrMaxCodec } from '../../domain/tx/codecs/base-unit-amount';
import { txBody } from '../../domain/tx/codecs/tx-body';
import { preparedTransactionsJson } from '../../domain/tx/prepared-transactions-json';
import type { WrapService } from '../../services/tx/wrap/wrap-service';
import { decodePart } from '../decode-request';
import { sendError } from '../envelope';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

export const WrapBody = txBody({ amount: AmountOrMaxCodec }, {});

/**
 * POST /api/tx/wrap and /api/tx/unwrap `{ amount }` (base units or "max"): the transactions that wrap native SEI into
 * WSEI or back, prepared and simulated for the signed-in wallet (API.md "Transactions"). Nothing is signed or sent.
 */
export const txWrapRoutes = (deps: { readonly auth: AccessTokenVerifier; readonly wrap: WrapService }): Router => {
  const router = Router();
  router.use('/tx/wrap', requireAuth(deps.auth));
  router.use('/tx/unwrap', requireAuth(deps.auth));

  for (const action of ['wrap', 'unwrap'] as const) {
    router.post(`/tx/${action}`, (req, res) => {
      const body = decodePart('body', WrapBody, req.body);
      if (E.isLeft(body)) return sendError(res, toHttpError(body.left));
      return respond(res, TE.map(preparedTransactionsJson)(deps.wrap[action](authedWallet(res), body.right.amount)));
    });
  }
  return router;
};
