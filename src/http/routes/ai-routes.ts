import type { Request, Response } from 'express';
import { Router } from 'express';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import * as t from 'io-ts';
import { describeCodec } from '../../domain/codecs/describe-codec';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { boundedTextCodec } from '../../domain/ai/answer-text';
import { MAX_AI_TEXT_LENGTH } from '../../domain/ai/chat-limits';
import type { AiService } from '../../services/ai/ai-service';
import { decodePart } from '../decode-request';
import { sendError } from '../envelope';
import { authedWallet, requireAuth, type AccessTokenVerifier } from '../middleware/require-auth';
import { respond } from '../respond';
import { toHttpError } from '../to-http-error';

const MAX_GOALS = 10;
const MAX_GOAL_LENGTH = 300;
const MAX_CONCEPT_LENGTH = 300;

const RiskTolerance = t.keyof({ conservative: null, moderate: null, aggressive: null });
const Goals = describeCodec(
  new t.Type<ReadonlyArray<string>, ReadonlyArray<string>, unknown>(
  `at most ${MAX_GOALS} goals of at most ${MAX_GOAL_LENGTH} characters`,
  (u): u is ReadonlyArray<string> => Array.isArray(u) && u.length <= MAX_GOALS && u.every((g) => typeof g === 'string' && g.length <= MAX_GOAL_LENGTH),
  (u, c) =>
    Array.isArray(u) && u.length <= MAX_GOALS && u.every((g) => typeof g === 'string' && g.trim() !== '' && g.length <= MAX_GOAL_LENGTH)
      ? t.success(u.map((g: string) => g.trim()))
      : t.failure(u, c, `at most ${MAX_GOALS} non-blank goals of at most ${MAX_GOAL_LENGTH} characters`),
  t.identity,
  ),
  { type: 'array', maxItems: MAX_GOALS, items: { type: 'string', minLength: 1, maxLength: MAX_GOAL_LENGTH } },
);

export const AnalyzeBody = t.exact(t.partial({ walletAddress: t.string, analysisType: t.keyof({ basic: null, detailed: null, risk_focused: null }) }));
export const SuggestBody = t.exact(t.partial({ walletAddress: t.string, goals: Goals, riskTolerance: RiskTolerance }));
export const ExplainBody = t.intersection([
  t.exact(t.type({ concept: boundedTextCodec(MAX_CONCEPT_LENGTH) })),
  t.exact(t.partial({ context: boundedTextCodec(MAX_AI_TEXT_LENGTH), complexity: t.keyof({ beginner: null, intermediate: null, advanced: null }) })),
]);
export const RiskAssessmentBody = t.intersection([t.exact(t.type({ strategy: boundedTextCodec(MAX_AI_TEXT_LENGTH) })), t.exact(t.partial({ walletAddress: t.string }))]);
export const MarketInsightsQuery = t.exact(
  t.partial({ focus: t.keyof({ defi: null, lending: null, dex: null, general: null }), timeframe: t.keyof({ '1d': null, '7d': null, '30d': null }) }),
);

export interface AiRoutesDeps {
  readonly auth: AccessTokenVerifier;
  readonly ai: AiService;
  /** 0x or sei1 input → checksummed address (sei1 resolved on chain). */
  readonly resolveWallet: (input: string) => TE.TaskEither<AppError, WalletAddress>;
}

/** Aborts when the client goes away before the answer, so an abandoned request stops the model call. */
export const abortOnClose = (res: Response): AbortSignal => {
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });
  return controller.signal;
};

/**
 * `/api/ai/*`: analysis, suggestions, explanations, strategy risk and market insights for the signed-in wallet.
 * A `walletAddress` in a body is only a check: another wallet's address is 403, never read.
 */
export const aiRoutes = (deps: AiRoutesDeps): Router => {
  const router = Router();
  router.use('/ai', requireAuth(deps.auth));

  /** The signed-in wallet, after checking that a `walletAddress` the client sent (if any) is the same wallet. */
  const ownWallet = (res: Response, claimed: string | undefined): TE.TaskEither<AppError, WalletAddress> => {
    const wallet = authedWallet(res);
    if (claimed === undefined) return TE.right(wallet);
    return pipe(
      deps.resolveWallet(claimed),
      TE.flatMap((resolved) =>
        resolved === wallet ? TE.right(wallet) : TE.left<AppError>({ _tag: 'Forbidden', message: 'walletAddress must be the signed-in wallet' }),
      ),
    );
  };

  const handle =
    <A, B>(part: 'body' | 'query', codec: t.Type<A, unknown, unknown>, run: (input: A, res: Response, signal: AbortSignal) => TE.TaskEither<AppError, B>) =>
    (req: Request, res: Response) => {
      const input = decodePart(part, codec, part === 'body' ? (req.body ?? {}) : req.query);
      if (E.isLeft(input)) return sendError(res, toHttpError(input.left));
      return respond(res, run(input.right, res, abortOnClose(res)));
    };

  router.post(
    '/ai/analyze',
    handle('body', AnalyzeBody, (b, res, signal) =>
      pipe(ownWallet(res, b.walletAddress), TE.flatMap((w) => deps.ai.analyze(w, { analysisType: b.analysisType ?? 'basic' }, signal))),
    ),
  );
  router.post(
    '/ai/suggest',
    handle('body', SuggestBody, (b, res, signal) =>
      pipe(ownWallet(res, b.walletAddress), TE.flatMap((w) => deps.ai.suggest(w, { goals: b.goals ?? [], riskTolerance: b.riskTolerance ?? 'moderate' }, signal))),
    ),
  );
  router.post(
    '/ai/explain',
    handle('body', ExplainBody, (b, res, signal) =>
      deps.ai.explain(authedWallet(res), { concept: b.concept.trim(), context: b.context?.trim(), complexity: b.complexity ?? 'intermediate' }, signal),
    ),
  );
  router.post(
    '/ai/risk-assessment',
    handle('body', RiskAssessmentBody, (b, res, signal) =>
      pipe(ownWallet(res, b.walletAddress), TE.flatMap((w) => deps.ai.assessStrategy(w, { strategy: b.strategy.trim() }, signal))),
    ),
  );
  router.get(
    '/ai/market-insights',
    handle('query', MarketInsightsQuery, (q, res, signal) => deps.ai.marketInsights(authedWallet(res), { focus: q.focus ?? 'general', timeframe: q.timeframe ?? '1d' }, signal)),
  );

  return router;
};
