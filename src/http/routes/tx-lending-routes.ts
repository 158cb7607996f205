import { Router } from 'express';
import * as TE from 'fp-ts/TaskEither';
import { preparedTransactionsJson } from '../../domain/tx/prepared-transactions-json';
import type { PrepareFromBody } from '../../services/tx/lending';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';

const API_PREFIX = '/api';

/**
 * POST /api/tx/lending/supply|withdraw|borrow|repay: the Yei (Aave v3 Pool) transactions for the signed-in wallet,
 * prepared and simulated (API.md "Transactions"); 400 for a bad body, 422 UNKNOWN_ASSET / NOTHING_TO_DO. Nothing is sent.
 * `routes` is services/tx/lending's table (the AI's prepare_transaction tool runs the same).
 */
export const txLendingRoutes = (deps: { readonly auth: AccessTokenVerifier; readonly routes: Readonly<Record<string, PrepareFromBody>> }): Router => {
  const router = Router();
  router.use('/tx/lending', requireAuth(deps.auth));
  for (const [path, prepare] of Object.entries(deps.routes)) {
    router.post(path.slice(API_PREFIX.length), (req, res) => respond(res, TE.map(preparedTransactionsJson)(prepare(authedWallet(res), req.body))));
  }
  return router;
};
