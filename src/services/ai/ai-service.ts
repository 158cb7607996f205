import * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import { sequenceT } from 'fp-ts/Apply';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { AnalysisAnswerCodec, analysisAnswerSchema, type AnalysisAnswer } from '../../domain/ai/analysis-answer';
import { AnswerTextCodec } from '../../domain/ai/answer-text';
import { dataSection, defuseDataMarkers } from '../../domain/ai/data-section';
import { heuristicAnalysis, type AnalysisType } from '../../domain/ai/heuristic-analysis';
import { heuristicExplain, type Complexity } from '../../domain/ai/heuristic-explain';
import { heuristicMarketInsights } from '../../domain/ai/heuristic-market-insights';
import { heuristicRiskAssessment } from '../../domain/ai/heuristic-risk-assessment';
import { heuristicSuggestions } from '../../domain/ai/heuristic-suggestions';
import { MarketInsightsAnswerCodec, marketInsightsAnswerSchema, type MarketInsightsAnswer } from '../../domain/ai/market-insights-answer';
import type { MarketFocus, MarketMove, MarketTimeframe } from '../../domain/ai/market-move';
import type { RiskTolerance } from '../../domain/ai/portfolio-rules';
import { RiskAssessmentAnswerCodec, riskAssessmentAnswerSchema, type RiskAssessmentAnswer } from '../../domain/ai/risk-assessment-answer';
import { sanitizePromptData } from '../../domain/ai/sanitize-prompt-data';
import { LinkedSuggestionsAnswerCodec, SuggestionsAnswerCodec, suggestionsAnswerSchema, type LinkedSuggestionsAnswer } from '../../domain/ai/suggestions-answer';
import { minHealthFactorFor } from '../../domain/ai/portfolio-rules';
import type { LendingActionLink } from '../../domain/tx/lending';
import { systemPrompt, type AiTask } from '../../domain/ai/system-prompt';
import { MAX_SYMBOL_LENGTH, sanitizeChainString } from '../../domain/tokens/sanitize-chain-string';
import { NATIVE_KEY, type TokenRef } from '../../domain/tokens/token-ref';
import { registryTokenRef } from '../../config/registry';
import { admitAiCall } from './admit-ai-call';
import type { AssistantDeps } from './assistant-deps';
import type { ModelFailure, ModelMessage } from './chat-model';
import { linkedSuggestion, readLendingLinks } from './lending-links';
import { loadGrounding } from './load-grounding';
import { modelOrRules, type Provenance } from './model-or-rules';
import { structuredAnswer } from './structured-answer';

export interface AnalyzeInput {
  readonly analysisType: AnalysisType;
}
export interface SuggestInput {
  readonly goals: ReadonlyArray<string>;
  readonly riskTolerance: RiskTolerance;
}
export interface ExplainInput {
  readonly concept: string;
  readonly context: string | undefined;
  readonly complexity: Complexity;
}
export interface StrategyInput {
  readonly strategy: string;
}
export interface MarketInsightsInput {
  readonly focus: MarketFocus;
  readonly timeframe: MarketTimeframe;
}

/** The `/api/ai/*` use-cases. Each counts against the wallet's AI rate limit and reads only the signed-in wallet. */
export interface AiService {
  /** The analysis; `actions` are the recommendations the server backs with a prepare link (repay to 1.5, idle collateral). */
  readonly analyze: (
    wallet: WalletAddress,
    input: AnalyzeInput,
    signal?: AbortSignal,
  ) => TE.TaskEither<AppError, AnalysisAnswer & Provenance & { readonly actions: ReadonlyArray<ReturnType<typeof linkedSuggestion>> }>;
  /** Suggestions; those the server can back with a transaction carry `prepare: { route, body }`. */
  readonly suggest: (wallet: WalletAddress, input: SuggestInput, signal?: AbortSignal) => TE.TaskEither<AppError, LinkedSuggestionsAnswer & Provenance>;
  readonly explain: (wallet: WalletAddress, input: ExplainInput, signal?: AbortSignal) => TE.TaskEither<AppError, { readonly explanation: string } & Provenance>;
  readonly assessStrategy: (wallet: WalletAddress, input: StrategyInput, signal?: AbortSignal) => TE.TaskEither<AppError, RiskAssessmentAnswer & Provenance>;
  readonly marketInsights: (
    wallet: WalletAddress,
    input: MarketInsightsInput,
    signal?: AbortSignal,
  ) => TE.TaskEither<AppError, MarketInsightsAnswer & { readonly prices: ReadonlyArray<MarketMove> } & Provenance>;
}

const ExplanationCodec = t.type({ explanation: AnswerTextCodec });

export const makeAiService = (deps: AssistantDeps): AiService => {
  const admit = admitAiCall(deps.limiter);
  const ground = loadGrounding(deps.data);
  const answer = modelOrRules(deps);
  const system = (task: AiTask): ModelMessage => ({ role: 'system', content: systemPrompt(task, deps.canary) });
  const lendingLinks = (wallet: WalletAddress, targetHealthFactor: number) => TE.fromTask<ReadonlyArray<LendingActionLink>, AppError>(readLendingLinks(deps)(wallet, targetHealthFactor));

  const marketMoves = async (): Promise<ReadonlyArray<MarketMove>> => {
    const native: TokenRef = { key: NATIVE_KEY, address: null, symbol: 'SEI', decimals: 18, coingeckoId: deps.data.registry.nativeCoingeckoId };
    const tokens = [{ ref: native, isStable: false }, ...deps.data.registry.tokens.map((tk) => ({ ref: registryTokenRef(tk), isStable: tk.isStable }))];
    const prices = await deps.data.priceFeed.getPrices(tokens.map((x) => x.ref))();
    return tokens.map(({ ref, isStable }) => {
      const p = prices.get(ref.key);
      return { symbol: sanitizeChainString(ref.symbol, MAX_SYMBOL_LENGTH), usd: p?.usd ?? null, change24h: p?.change24h ?? null, isStable, stale: p?.stale ?? false };
    });
  };

  return {
    analyze: (wallet, input, signal) =>
      pipe(
        admit(wallet),
        TE.flatMap(() => sequenceT(TE.ApplyPar)(ground(wallet), lendingLinks(wallet, minHealthFactorFor('moderate')))),
        TE.flatMap(([g, links]) =>
          pipe(
            answer({
              wallet,
              task: 'analyze',
              cacheParts: { wallet, analysisType: input.analysisType, data: g.promptData },
              codec: AnalysisAnswerCodec,
              ask: (model, s) =>
                structuredAnswer(
                  model,
                  [system('analyze'), { role: 'user', content: `Analysis type: ${input.analysisType}.\nThe wallet's data:\n${dataSection(g.promptData)}` }],
                  analysisAnswerSchema,
                  AnalysisAnswerCodec,
                  s,
                ),
              rules: (reason) => TE.right(heuristicAnalysis(g.figures, input.analysisType, reason)),
              ...(signal === undefined ? {} : { signal }),
            }),
            // The recommendations the server can back with a transaction, sized at the latest block (never cached).
            TE.map((a) => ({ ...a, actions: links.map(linkedSuggestion) })),
          ),
        ),
      ),

    suggest: (wallet, input, signal) =>
      pipe(
        admit(wallet),
        TE.flatMap(() => sequenceT(TE.ApplyPar)(ground(wallet), lendingLinks(wallet, minHealthFactorFor(input.riskTolerance)))),
        TE.flatMap(([g, links]) =>
          pipe(
            answer({
              wallet,
              task: 'suggest',
              cacheParts: { wallet, goals: input.goals, riskTolerance: input.riskTolerance, data: g.promptData },
              codec: LinkedSuggestionsAnswerCodec,
              ask: (model, s) =>
                structuredAnswer(
                  model,
                  [
                    system('suggest'),
                    { role: 'user', content: `The wallet's data:\n${dataSection(g.promptData)}` },
                    {
                      role: 'user',
                      content: `My risk tolerance: ${input.riskTolerance}.${input.goals.length > 0 ? `\nMy goals:\n${input.goals.map((goal) => `- ${defuseDataMarkers(goal)}`).join('\n')}` : ''}`,
                    },
                  ],
                  suggestionsAnswerSchema,
                  SuggestionsAnswerCodec,
                  s,
                ),
              rules: (reason) => TE.right(heuristicSuggestions(g.figures, input.riskTolerance, reason, links)),
              ...(signal === undefined ? {} : { signal }),
            }),
            // The rules placed the links among their findings; a model's answer (maybe cached) gets them, freshly sized, first.
            TE.map((a) => (a.provider === 'heuristic' ? a : { ...a, suggestions: [...links.map(linkedSuggestion), ...a.suggestions] })),
          ),
        ),
      ),

    explain: (wallet, input, signal) =>
      pipe(
        admit(wallet),
        TE.flatMap(() =>
          answer({
            wallet,
            task: 'explain',
            cacheParts: { concept: input.concept, context: input.context ?? null, complexity: input.complexity },
            codec: ExplanationCodec,
            ask: (model, s) =>
              pipe(
                model.complete(
                  {
                    messages: [
                      system('explain'),
                      {
                        role: 'user',
                        content: `Explain at a ${input.complexity} level: ${defuseDataMarkers(input.concept)}${input.context === undefined ? '' : `\nContext: ${defuseDataMarkers(input.context)}`}`,
                      },
                    ],
                  },
                  { signal: s },
                ),
                TE.flatMap((c) =>
                  c.content !== null && E.isRight(AnswerTextCodec.decode(c.content))
                    ? TE.right({ explanation: c.content })
                    : TE.left<ModelFailure>({ _tag: 'ModelBadResponse', cause: c.refusal ?? 'empty explanation' }),
                ),
              ),
            rules: (reason) =>
              pipe(
                TE.fromTask(ground(wallet)),
                TE.map((g) => ({ explanation: heuristicExplain(input.concept, input.complexity, E.isRight(g) ? g.right.figures : null, reason) })),
              ),
            ...(signal === undefined ? {} : { signal }),
          }),
        ),
      ),

    assessStrategy: (wallet, input, signal) =>
      pipe(
        admit(wallet),
        TE.flatMap(() => ground(wallet)),
        TE.flatMap((g) =>
          answer({
            wallet,
            task: 'risk_assessment',
            cacheParts: { wallet, strategy: input.strategy, data: g.promptData },
            codec: RiskAssessmentAnswerCodec,
            ask: (model, s) =>
              structuredAnswer(
                model,
                [
                  system('risk_assessment'),
                  { role: 'user', content: `The wallet's data:\n${dataSection(g.promptData)}` },
                  { role: 'user', content: `The strategy to assess:\n${defuseDataMarkers(input.strategy)}` },
                ],
                riskAssessmentAnswerSchema,
                RiskAssessmentAnswerCodec,
                s,
              ),
            rules: (reason) => TE.right(heuristicRiskAssessment(g.figures, input.strategy, reason)),
            ...(signal === undefined ? {} : { signal }),
          }),
        ),
      ),

    marketInsights: (wallet, input, signal) =>
      pipe(
        admit(wallet),
        TE.flatMap(() => TE.fromTask(marketMoves)),
        TE.flatMap((moves) =>
          pipe(
            answer({
              wallet,
              task: 'market_insights',
              // Shared by every wallet: the same moves (to 0.1%) and parameters give the same insights.
              cacheParts: { focus: input.focus, timeframe: input.timeframe, moves: moves.map((m) => [m.symbol, m.usd?.toPrecision(4) ?? null, m.change24h?.toFixed(1) ?? null]) },
              codec: MarketInsightsAnswerCodec,
              ask: (model, s) =>
                structuredAnswer(
                  model,
                  [
                    system('market_insights'),
                    {
                      role: 'user',
                      content: `Focus: ${input.focus}. Timeframe: ${input.timeframe} (the data has 24h changes only).\nToken prices:\n${dataSection(
                        sanitizePromptData(moves.map((m) => ({ symbol: m.symbol, usd: m.usd, change24hPercent: m.change24h, isStable: m.isStable, stale: m.stale }))),
                      )}`,
                    },
                  ],
                  marketInsightsAnswerSchema,
                  MarketInsightsAnswerCodec,
                  s,
                ),
              rules: (reason) => TE.right(heuristicMarketInsights(moves, input.focus, input.timeframe, reason)),
              ...(signal === undefined ? {} : { signal }),
            }),
            TE.map((a) => ({ ...a, prices: moves })),
          ),
        ),
      ),
  };
};
