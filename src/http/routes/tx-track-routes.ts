import { Router } from 'express';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { TrackedStatus } from '../../domain/tx/track/tracked-transaction';
import type { TrackedTransactionView } from '../../domain/tx/track/tracked-transaction-view';
import { TxHashCodec, type TxHash } from '../../domain/address/tx-hash';
import type { TrackedTransactionPage } from '../../services/tx/track/tracked-transaction-queries';
import { decodePart } from '../decode-request';
import { sendError } from '../envelope';
import { limitFromString } from '../limit-query';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

const MAX_PAGE = 100;
const DEFAULT_PAGE = 20;

export const TrackBody = t.exact(t.type({ hash: TxHashCodec }));
const HashParams = t.type({ hash: TxHashCodec });
export const ListQuery = t.exact(t.partial({ limit: limitFromString(MAX_PAGE), before: TxHashCodec }));

/** What the tracking routes call: services/tx/track, bound in composition/tx-track.ts. */
export interface TxTrackRouteDeps {
  readonly auth: AccessTokenVerifier;
  readonly track: (wallet: WalletAddress, hash: TxHash) => TE.TaskEither<AppError, { readonly hash: TxHash; readonly status: TrackedStatus }>;
  readonly get: (wallet: WalletAddress, hash: TxHash) => TE.TaskEither<AppError, TrackedTransactionView>;
  readonly list: (wallet: WalletAddress, limit: number, before: TxHash | undefined) => TE.TaskEither<AppError, TrackedTransactionPage>;
}

/**
 * Following sent transactions, mounted under /api, token required: `POST /tx/track` (202), `GET /tx/:hash` (the
 * owner's; another wallet's tracked hash answers 404 like an unknown one), `GET /tx?limit=&before=`.
 */
export const txTrackRoutes = (deps: TxTrackRouteDeps): Router => {
  const router = Router();
  const auth = requireAuth(deps.auth);

  router.post('/tx/track', auth, (req, res) => {
    const body = decodePart('body', TrackBody, req.body);
    if (E.isLeft(body)) return sendError(res, toHttpError(body.left));
    return respond(res, deps.track(authedWallet(res), body.right.hash), 202);
  });

  router.get('/tx', auth, (req, res) => {
    const query = decodePart('query', ListQuery, req.query);
    if (E.isLeft(query)) return sendError(res, toHttpError(query.left));
    return respond(res, deps.list(authedWallet(res), query.right.limit ?? DEFAULT_PAGE, query.right.before));
  });

  router.get('/tx/:hash', auth, (req, res) => {
    const params = decodePart('params', HashParams, req.params);
    if (E.isLeft(params)) return sendError(res, toHttpError(params.left));
    return respond(res, deps.get(authedWallet(res), params.right.hash));
  });

  return router;
};
