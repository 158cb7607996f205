import { Router } from 'express';
import { AmountOrMaxCodec } from '../../domain/tx/codecs/base-unit-amount';
import { txBody } from '../../domain/tx/codecs/tx-body';
import type { WrapService } from '../../services/tx/wrap/wrap-service';
import { requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { prepareHandler } from '../tx/prepare-handler';

export const WrapBody = txBody({ amount: AmountOrMaxCodec }, {});

/**
 * POST /api/tx/wrap and /api/tx/unwrap `{ amount }` (base units or "max"): the transactions that wrap native SEI into
 * WSEI or back, prepared and simulated for the signed-in wallet (API.md "Transactions"). Nothing is signed or sent.
 */
export const txWrapRoutes = (deps: { readonly auth: AccessTokenVerifier; readonly wrap: WrapService }): Router => {
  const router = Router();
  router.post('/tx/wrap', requireAuth(deps.auth), prepareHandler(WrapBody, (wallet, body) => deps.wrap.wrap(wallet, body.amount)));
  router.post('/tx/unwrap', requireAuth(deps.auth), prepareHandler(WrapBody, (wallet, body) => deps.wrap.unwrap(wallet, body.amount)));
  return router;
};
