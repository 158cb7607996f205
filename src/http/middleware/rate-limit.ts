import type { Request, RequestHandler, Response } from 'express';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { RateLimitedCode } from '../../domain/errors/error-codes';
import type { RateLimiter } from '../../infra/rate-limit/rate-limiter';
import { sendError } from '../envelope';
import { toHttpError } from '../to-http-error';

/**
 * The client a limit counts: `req.ip`, which honours exactly TRUST_PROXY_HOPS proxies (0 by default, so a client
 * that reaches the app directly cannot reset or aim a limit with X-Forwarded-For).
 */
export const clientOf = (req: Request): string => req.ip ?? 'unknown';

/** Takes one point of `key`: sets the RateLimit headers when allowed, or fails RateLimited (429 with Retry-After). */
export const admitRequest =
  (limiter: RateLimiter, key: string, res: Response, code: RateLimitedCode = 'RATE_LIMITED'): TE.TaskEither<AppError, void> =>
  async () => {
    const decision = await limiter.consume(key);
    if (!decision.allowed) return E.left({ _tag: 'RateLimited', code, retryAfterSeconds: decision.retryAfterSeconds });
    res.setHeader('RateLimit-Limit', String(limiter.limit));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    return E.right(undefined);
  };

/** Answers 429 in the envelope with Retry-After once `limiter` is spent for the client. */
export const rateLimit = (limiter: RateLimiter, code: RateLimitedCode = 'RATE_LIMITED'): RequestHandler =>
  async (req, res, next) => {
    const admitted = await admitRequest(limiter, clientOf(req), res, code)();
    if (E.isRight(admitted)) return next();
    sendError(res, toHttpError(admitted.left));
  };
