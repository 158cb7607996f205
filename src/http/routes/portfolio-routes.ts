import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Registry } from '../../config/registry';
import type { AppError } from '../../domain/app-error';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import { HistoryRangeCodec, type HistoryRange } from '../../services/portfolio/portfolio-history';
import type { PortfolioQueries } from '../../services/portfolio/portfolio-queries';
import { decodePart } from '../decode-request';
import { sendError, sendOk } from '../envelope';
import { admitRequest, clientOf, rateLimit, type HttpRateLimit } from '../middleware/rate-limit';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

export interface PortfolioRouteDeps {
  readonly queries: PortfolioQueries;
  readonly registry: Registry;
  /** Refreshes per client and per wallet as resolved (REFRESH_RATE_LIMIT_MAX a minute). */
  readonly refreshLimit: HttpRateLimit;
}

const RangeQuery = t.partial({ range: HistoryRangeCodec });
const WalletQuery = t.type({ walletAddress: t.string });

// A cached portfolio object is shared by every request that reads it: serialise, encode and hash its body once.
const encoded = new WeakMap<Portfolio, { readonly body: Buffer; readonly etag: string }>();

const encode = (p: Portfolio) => {
  const known = encoded.get(p);
  if (known !== undefined) return known;
  const body = Buffer.from(JSON.stringify({ success: true, data: p }));
  const result = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
  encoded.set(p, result);
  return result;
};

/**
 * Sends the portfolio with an ETag of the exact body; answers 304 when the client already has it. The body goes out as
 * the encoded bytes (no per-request UTF-8 encoding, no `res.send` content negotiation: the type is always JSON).
 */
const sendPortfolio = (req: Request, res: Response, p: Portfolio): void => {
  if (res.headersSent) return; // answered meanwhile (the request timeout): the late read is dropped, like sendOk does
  const { body, etag } = encode(p);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (req.headers['if-none-match'] === etag) {
    res.statusCode = 304;
    res.end();
    return;
  }
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Content-Length', body.length);
  res.end(body);
};

const rangeOf = (query: unknown): E.Either<AppError, HistoryRange> =>
  pipe(
    decodePart('query', RangeQuery, query),
    E.map((q) => q.range ?? '7d'),
  );

/** `?tokens=0x…,0x…` as sent; a repeated `tokens` parameter is ignored. */
const tokensOf = (req: Request): string | undefined => (typeof req.query['tokens'] === 'string' ? req.query['tokens'] : undefined);

/** Portfolio reads (public, rate limited): the portfolio, its summary, history, performance; refresh; compatibility routes. */
export const portfolioRoutes = (deps: PortfolioRouteDeps): Router => {
  const router = Router();
  const { queries } = deps;
  const refreshLimiter = rateLimit(deps.refreshLimit);
  const param = (req: Request): string => String(req.params['address'] ?? '');

  const answerPortfolio = async (req: Request, res: Response, address: string, extraTokens: string | undefined) => {
    const result = await queries.portfolio(address, extraTokens)();
    if (E.isLeft(result)) return sendError(res, toHttpError(result.left));
    sendPortfolio(req, res, result.right);
  };

  router.get('/portfolio/data', async (req, res) => {
    const q = decodePart('query', WalletQuery, req.query);
    if (E.isLeft(q)) return sendError(res, toHttpError(q.left));
    await answerPortfolio(req, res, q.right.walletAddress, tokensOf(req));
  });

  router.get('/portfolio/summary', async (req, res) => {
    const q = decodePart('query', WalletQuery, req.query);
    if (E.isLeft(q)) return sendError(res, toHttpError(q.left));
    await respond(res, queries.summary(q.right.walletAddress, undefined));
  });

  router.get('/portfolio/:address', (req, res) => answerPortfolio(req, res, param(req), tokensOf(req)));

  router.get('/portfolio/:address/summary', (req, res) => respond(res, queries.summary(param(req), tokensOf(req))));

  router.get('/portfolio/:address/risk', (req, res) => respond(res, queries.risk(param(req))));

  router.get('/portfolio/:address/history', (req, res) =>
    respond(
      res,
      pipe(
        TE.fromEither(rangeOf(req.query)),
        TE.flatMap((range) => queries.history(param(req), range)),
      ),
    ),
  );

  router.get('/portfolio/:address/performance', (req, res) =>
    respond(
      res,
      pipe(
        TE.fromEither(rangeOf(req.query)),
        TE.flatMap((range) => queries.performance(param(req), range)),
      ),
    ),
  );

  // The budget is per client and per wallet as resolved, so a sei1 and a 0x spelling of one wallet share it.
  router.post('/portfolio/:address/refresh', (req, res) =>
    respond(
      res,
      queries.refresh(param(req), (wallet) => admitRequest(refreshLimiter, `${clientOf(req)}:${wallet}`, req, res)),
    ),
  );

  router.get('/tokens', (_req, res) =>
    sendOk(res, {
      chainId: deps.registry.chainId,
      tokens: deps.registry.tokens.map((tk) => ({ address: tk.address, symbol: tk.symbol, name: tk.name, decimals: tk.decimals, coingeckoId: tk.coingeckoId })),
    }),
  );
  return router;
};
