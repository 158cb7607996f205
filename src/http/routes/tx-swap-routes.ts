import { Router } from 'express';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { AmountOrMaxCodec } from '../../domain/tx/codecs/base-unit-amount';
import { txBody } from '../../domain/tx/codecs/tx-body';
import { DEFAULT_SLIPPAGE_BPS, SlippageBps, TokenAddressField } from '../../domain/tx/codecs/tx-body-fields';
import { preparedTransactionsJson } from '../../domain/tx/prepared-transactions-json';
import type { SwapService } from '../../services/tx/swap/swap-service';
import { decodePart } from '../decode-request';
import { sendError } from '../envelope';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

/** A swap side: a registry token address, or "native" for SEI. */
const SwapToken = t.union([t.literal('native'), TokenAddressField]);

export const SwapBody = txBody({ tokenIn: SwapToken, tokenOut: SwapToken, amountIn: AmountOrMaxCodec }, { slippageBps: SlippageBps });

/**
 * POST /api/tx/swap `{ tokenIn, tokenOut, amountIn, slippageBps? }`: the best DragonSwap route (V2 fee tiers and V1
 * pairs, single hop or through WSEI) as one SwapRouter02 transaction, with the approval it needs, prepared and simulated
 * for the signed-in wallet (API.md "Transactions"). Nothing is signed or sent.
 */
export const txSwapRoutes = (deps: { readonly auth: AccessTokenVerifier; readonly swap: SwapService }): Router => {
  const router = Router();
  router.use('/tx/swap', requireAuth(deps.auth));
  router.post('/tx/swap', (req, res) => {
    const body = decodePart('body', SwapBody, req.body);
    if (E.isLeft(body)) return sendError(res, toHttpError(body.left));
    const { tokenIn, tokenOut, amountIn, slippageBps } = body.right;
    return respond(res, TE.map(preparedTransactionsJson)(deps.swap.swap(authedWallet(res), { tokenIn, tokenOut, amountIn, slippageBps: slippageBps ?? DEFAULT_SLIPPAGE_BPS })));
  });
  return router;
};
