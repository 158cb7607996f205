import { Router } from 'express';
import * as E from 'fp-ts/Either';
import * as t from 'io-ts';
import { NewAlertBodyCodec } from '../../domain/alerts/new-alert';
import type { AlertsService } from '../../services/alerts/alerts-service';
import { decodePart } from '../decode-request';
import { limitFromString } from '../limit-query';
import { sendError } from '../envelope';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

const MAX_EVENTS = 100;

export const EventsQuery = t.partial({ limit: limitFromString(MAX_EVENTS) });

/**
 * The signed-in wallet's alerts, mounted under /api. The owner is always the token's wallet: an address in the
 * path, query or body is never read, and another wallet's alert id answers 404 like an unknown one.
 */
export const alertRoutes = (deps: { readonly auth: AccessTokenVerifier; readonly alerts: AlertsService }): Router => {
  const router = Router();
  router.use('/alerts', requireAuth(deps.auth));

  router.get('/alerts', (_req, res) => respond(res, deps.alerts.list(authedWallet(res))));

  router.post('/alerts', (req, res) => {
    const body = decodePart('body', NewAlertBodyCodec, req.body);
    if (E.isLeft(body)) return sendError(res, toHttpError(body.left));
    return respond(res, deps.alerts.create(authedWallet(res), body.right), 201);
  });

  router.get('/alerts/events', (req, res) => {
    const query = decodePart('query', EventsQuery, req.query);
    if (E.isLeft(query)) return sendError(res, toHttpError(query.left));
    return respond(res, deps.alerts.listEvents(authedWallet(res), query.right.limit ?? 50));
  });

  router.delete('/alerts/:id', (req, res) => respond(res, deps.alerts.remove(authedWallet(res), req.params.id)));

  return router;
};
