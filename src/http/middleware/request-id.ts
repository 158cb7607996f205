import { randomUUID } from 'node:crypto';
import type { RequestHandler } from 'express';
import { runWithRequestId } from '../../infra/logging/request-context';

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Echoes a well-formed client `X-Request-Id` or makes one, and runs the rest of the request in its log context. */
export const requestId = (): RequestHandler => (req, res, next) => {
  const incoming = req.get('x-request-id');
  const id = incoming !== undefined && SAFE_ID.test(incoming) ? incoming : randomUUID();
  res.locals['requestId'] = id;
  res.setHeader('X-Request-Id', id);
  runWithRequestId(id, next);
};
