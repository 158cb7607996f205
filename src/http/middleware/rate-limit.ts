import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator, MemoryStore, rateLimit as expressRateLimit, type Store } from 'express-rate-limit';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AppError } from '../../domain/app-error';
import type { RateLimitedCode } from '../../domain/errors/error-codes';
import { sendError } from '../envelope';
import { toHttpError } from '../to-http-error';

/** A limit as composition builds it: `limit` requests per client per `windowMs`, counted in `store` (one limit per store). */
export interface HttpRateLimit {
  readonly store: Store;
  readonly limit: number;
  readonly windowMs: number;
}

/** A limit counted in this process only (no REDIS_URL, and tests). */
export const memoryRateLimit = (limit: number, windowMs: number): HttpRateLimit => ({ store: new MemoryStore(), limit, windowMs });

/**
 * The client a limit counts: `req.ip`, which honours exactly TRUST_PROXY_HOPS proxies (0 by default, so a client
 * that reaches the app directly cannot reset or aim a limit with X-Forwarded-For); an IPv6 client by its /56.
 */
export const clientOf = (req: Request): string => ipKeyGenerator(req.ip ?? 'unknown');

/** Set by `admitRequest` when the route, not the client address alone, names what is counted. */
const KEY_LOCAL = 'rateLimitKey';

/** Seconds until the client's window resets, from what express-rate-limit put on the request. */
const retryAfterOf = (req: Request): number => {
  const info: unknown = 'rateLimit' in req ? req.rateLimit : undefined;
  const reset = typeof info === 'object' && info !== null && 'resetTime' in info && info.resetTime instanceof Date ? info.resetTime : undefined;
  return reset === undefined ? 1 : Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000));
};

const refusalOf = (req: Request, code: RateLimitedCode): AppError => ({ _tag: 'RateLimited', code, retryAfterSeconds: retryAfterOf(req) });

/**
 * express-rate-limit over `limit`: draft-8 `RateLimit` / `RateLimit-Policy` headers on every counted answer, and once
 * spent 429 in our envelope with `code` and Retry-After.
 */
export const rateLimit = (limit: HttpRateLimit, code: RateLimitedCode = 'RATE_LIMITED'): RequestHandler =>
  expressRateLimit({
    windowMs: limit.windowMs,
    limit: limit.limit,
    store: limit.store,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req, res) => {
      const routeKey: unknown = res.locals[KEY_LOCAL];
      return typeof routeKey === 'string' ? routeKey : clientOf(req);
    },
    handler: (req, res) => sendError(res, toHttpError(refusalOf(req, code))),
    // X-Forwarded-For is ignored on purpose unless TRUST_PROXY_HOPS says a proxy sets it (see clientOf).
    validate: { xForwardedForHeader: false },
  });

/**
 * Counts one request of `key` with `limiter` (a `rateLimit` middleware) inside a use-case: Right when admitted (the
 * RateLimit headers set), Left RateLimited once spent (the 429 is then already answered).
 */
export const admitRequest =
  (limiter: RequestHandler, key: string, req: Request, res: Response, code: RateLimitedCode = 'RATE_LIMITED'): TE.TaskEither<AppError, void> =>
  () =>
    new Promise((resolve, reject) => {
      res.locals[KEY_LOCAL] = key;
      let isAdmitted = false;
      Promise.resolve(
        limiter(req, res, (err?: unknown) => {
          if (err !== undefined) return reject(err instanceof Error ? err : new Error('rate limit middleware failed', { cause: err }));
          isAdmitted = true;
        }),
      ).then(() => {
        delete res.locals[KEY_LOCAL];
        resolve(isAdmitted ? E.right(undefined) : E.left(refusalOf(req, code)));
      }, reject);
    });
