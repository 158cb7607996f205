import { createHash } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { Registry } from '../../config/registry';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import type { Portfolio } from '../../domain/portfolio/portfolio';
import { summarizePortfolio } from '../../domain/portfolio/summarize-portfolio';
import { riskNotices } from '../../domain/risk/risk-alerts';
import type { RateLimiter } from '../../infra/rate-limit/rate-limiter';
import { getHistory, getPerformance, HistoryRangeCodec, type HistoryDeps, type HistoryRange } from '../../services/portfolio/portfolio-history';
import type { PortfolioService } from '../../services/portfolio/portfolio-service';
import { parseExtraTokens } from '../../services/portfolio/resolve-wallet';
import { decodePart } from '../decode-request';
import { sendError, sendOk } from '../envelope';
import { admitRequest, clientOf } from '../middleware/rate-limit';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

export interface PortfolioRouteDeps {
  readonly portfolio: PortfolioService;
  readonly resolveWallet: (input: string) => TE.TaskEither<AppError, WalletAddress>;
  readonly history: HistoryDeps;
  readonly registry: Registry;
  readonly maxExtraTokens: number;
  readonly refreshLimiter: RateLimiter;
}

const RangeQuery = t.partial({ range: HistoryRangeCodec });
const WalletQuery = t.type({ walletAddress: t.string });

// A cached portfolio object is shared by every request that reads it: serialise it and hash its body once.
const encoded = new WeakMap<Portfolio, { readonly body: string; readonly etag: string }>();

const encode = (p: Portfolio) => {
  const known = encoded.get(p);
  if (known !== undefined) return known;
  const body = JSON.stringify({ success: true, data: p });
  const result = { body, etag: `W/"${createHash('sha1').update(body).digest('base64url')}"` };
  encoded.set(p, result);
  return result;
};

/** Sends the portfolio with an ETag of the exact body; answers 304 when the client already has it. */
const sendPortfolio = (req: Request, res: Response, p: Portfolio): void => {
  if (res.headersSent) return; // answered meanwhile (the request timeout): the late read is dropped, like sendOk does
  const { body, etag } = encode(p);
  res.setHeader('ETag', etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  if (req.get('if-none-match') === etag) {
    res.status(304).end();
    return;
  }
  res.type('application/json').send(body);
};

const rangeOf = (query: unknown): E.Either<AppError, HistoryRange> =>
  pipe(
    decodePart('query', RangeQuery, query),
    E.map((q) => q.range ?? '7d'),
  );

/** Portfolio reads (public, rate limited): the portfolio, its summary, history, performance; refresh; compatibility routes. */
export const portfolioRoutes = (deps: PortfolioRouteDeps): Router => {
  const router = Router();
  const param = (req: Request): string => String(req.params['address'] ?? '');

  const getPortfolio = (address: string, tokens: unknown) =>
    pipe(
      TE.Do,
      TE.bind('wallet', () => deps.resolveWallet(address)),
      TE.bind('extra', () => parseExtraTokens(typeof tokens === 'string' ? tokens : undefined, deps.maxExtraTokens)),
      TE.flatMap(({ wallet, extra }) => deps.portfolio.getPortfolio(wallet, extra)),
    );

  const answerPortfolio = async (req: Request, res: Response, address: string) => {
    const result = await getPortfolio(address, req.query['tokens'])();
    if (E.isLeft(result)) return sendError(res, toHttpError(result.left));
    sendPortfolio(req, res, result.right);
  };

  router.get('/portfolio/data', async (req, res) => {
    const q = decodePart('query', WalletQuery, req.query);
    if (E.isLeft(q)) return sendError(res, toHttpError(q.left));
    await answerPortfolio(req, res, q.right.walletAddress);
  });

  router.get('/portfolio/summary', async (req, res) => {
    const q = decodePart('query', WalletQuery, req.query);
    if (E.isLeft(q)) return sendError(res, toHttpError(q.left));
    await respond(res, pipe(getPortfolio(q.right.walletAddress, undefined), TE.map(summarizePortfolio)));
  });

  router.get('/portfolio/:address', (req, res) => answerPortfolio(req, res, param(req)));

  router.get('/portfolio/:address/summary', (req, res) =>
    respond(res, pipe(getPortfolio(param(req), req.query['tokens']), TE.map(summarizePortfolio))),
  );

  router.get('/portfolio/:address/risk', (req, res) =>
    respond(
      res,
      pipe(
        getPortfolio(param(req), undefined),
        TE.map((p) => ({ ...p.risk, alerts: riskNotices(p.risk.factors), blockNumber: p.blockNumber, ...(p.stale === true ? { stale: true } : {}) })),
      ),
    ),
  );

  router.get('/portfolio/:address/history', (req, res) =>
    respond(
      res,
      pipe(
        TE.fromEither(rangeOf(req.query)),
        TE.flatMap((range) => pipe(deps.resolveWallet(param(req)), TE.flatMap((wallet) => getHistory(deps.history)(wallet, range)))),
      ),
    ),
  );

  router.get('/portfolio/:address/performance', (req, res) =>
    respond(
      res,
      pipe(
        TE.fromEither(rangeOf(req.query)),
        TE.flatMap((range) => pipe(deps.resolveWallet(param(req)), TE.flatMap((wallet) => getPerformance(deps.history)(wallet, range)))),
      ),
    ),
  );

  // The budget is per client and per wallet as resolved, so a sei1 and a 0x spelling of one wallet share it.
  router.post('/portfolio/:address/refresh', (req, res) =>
    respond(
      res,
      pipe(
        deps.resolveWallet(param(req)),
        TE.tap((wallet) => admitRequest(deps.refreshLimiter, `${clientOf(req)}:${wallet}`, res)),
        TE.flatMap(deps.portfolio.refresh),
      ),
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
