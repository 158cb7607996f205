import { Router, type Response } from 'express';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import type { Address } from 'viem';
import type { AppError } from '../../domain/app-error';
import {
  CollectBody,
  IncreaseBody,
  isIncreaseBody,
  MintBody,
  RemoveBody,
  toCollectRequest,
  toIncreaseRequest,
  toMintRequest,
  toRemoveRequest,
} from '../../domain/tx/liquidity/liquidity-bodies';
import type { PreparedTransactions } from '../../domain/tx/prepared-transactions';
import { preparedTransactionsJson } from '../../domain/tx/prepared-transactions-json';
import type { LiquidityService } from '../../services/tx/liquidity/liquidity-service';
import { decodePart } from '../decode-request';
import { sendError } from '../envelope';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

/** Decodes the body with `codec`, then answers what `prepare` makes of it for the signed-in wallet. */
const prepareWith =
  <A, O>(codec: t.Type<A, O, unknown>, prepare: (wallet: Address, body: A) => TE.TaskEither<AppError, PreparedTransactions>) =>
  async (body: unknown, res: Response): Promise<void> => {
    const decoded = decodePart('body', codec, body);
    if (E.isLeft(decoded)) return sendError(res, toHttpError(decoded.left));
    return respond(res, TE.map(preparedTransactionsJson)(prepare(authedWallet(res), decoded.right)));
  };

/**
 * POST /api/tx/liquidity/add (mint, or increase with a `tokenId`), /remove (decrease + collect) and /collect: the
 * DragonSwap V2 position transactions, prepared and simulated for the signed-in wallet (API.md "Transactions").
 * Bodies are validated (400) before ownership is checked (403 NOT_OWNER).
 */
export const txLiquidityRoutes = (deps: { readonly auth: AccessTokenVerifier; readonly liquidity: LiquidityService }): Router => {
  const router = Router();
  const { liquidity } = deps;
  router.use('/tx/liquidity', requireAuth(deps.auth));
  const mint = prepareWith(MintBody, (wallet, body) => liquidity.mint(wallet, toMintRequest(body)));
  const increase = prepareWith(IncreaseBody, (wallet, body) => liquidity.increase(wallet, toIncreaseRequest(body)));
  const remove = prepareWith(RemoveBody, (wallet, body) => liquidity.remove(wallet, toRemoveRequest(body)));
  const collect = prepareWith(CollectBody, (wallet, body) => liquidity.collect(wallet, toCollectRequest(body)));
  router.post('/tx/liquidity/add', (req, res) => (isIncreaseBody(req.body) ? increase : mint)(req.body, res));
  router.post('/tx/liquidity/remove', (req, res) => remove(req.body, res));
  router.post('/tx/liquidity/collect', (req, res) => collect(req.body, res));
  return router;
};
