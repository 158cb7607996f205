import { timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { sendError } from '../envelope';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Guards operator endpoints: a bearer token when one is configured, otherwise direct loopback callers only
 * (a request relayed by a proxy carries X-Forwarded-For and is refused).
 */
export const internalOnly = (token: string | undefined): RequestHandler => (req, res, next) => {
  if (token !== undefined) {
    const header = req.get('authorization') ?? '';
    const given = header.startsWith('Bearer ') ? header.slice(7) : '';
    if (given !== '' && sameSecret(given, token)) return next();
    return sendError(res, { status: 401, code: 'UNAUTHORIZED', message: 'A valid operator token is required' });
  }
  const direct = LOOPBACK.has(req.socket.remoteAddress ?? '') && req.get('x-forwarded-for') === undefined;
  if (direct) return next();
  return sendError(res, { status: 403, code: 'FORBIDDEN', message: 'Only reachable from the host itself' });
};
