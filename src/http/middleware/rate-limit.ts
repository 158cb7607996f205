import type { Request, RequestHandler } from 'express';
import type { RateLimiter } from '../../infra/rate-limit/rate-limiter';
import { sendError } from '../envelope';
import { toHttpError } from '../to-http-error';

/**
 * Answers 429 in the envelope with Retry-After once `limiter` is spent for the client.
 * The client is `req.ip`, which honours exactly TRUST_PROXY_HOPS proxies, so a forged X-Forwarded-For does not reset it.
 */
export const rateLimit = (limiter: RateLimiter, code = 'RATE_LIMITED', keyOf: (req: Request) => string = (req) => req.ip ?? 'unknown'): RequestHandler =>
  async (req, res, next) => {
    const decision = await limiter.consume(keyOf(req));
    if (decision.allowed) {
      res.setHeader('RateLimit-Limit', String(limiter.limit));
      res.setHeader('RateLimit-Remaining', String(decision.remaining));
      return next();
    }
    sendError(res, toHttpError({ _tag: 'RateLimited', code, retryAfterSeconds: decision.retryAfterSeconds }));
  };
