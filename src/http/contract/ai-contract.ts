import * as t from 'io-ts';
import { AnalysisAnswerCodec } from '../../domain/ai/analysis-answer';
import { MarketInsightsAnswerCodec } from '../../domain/ai/market-insights-answer';
import { RiskAssessmentAnswerCodec } from '../../domain/ai/risk-assessment-answer';
import { LinkedSuggestionCodec, LinkedSuggestionsAnswerCodec } from '../../domain/ai/suggestions-answer';
import { ChatReplyCodec } from '../../domain/ai/chat-reply';
import { AnalyzeBody, ExplainBody, MarketInsightsQuery, RiskAssessmentBody, SuggestBody } from '../routes/ai-routes';
import { AnalysisBody, HistoryQuery, MessageBody } from '../routes/chat-routes';
import { NullableNumber, type RouteContract } from './route-contract';

/** Who produced an answer: provider "openai" or "heuristic"; cachedAt when a stored model answer was reused. */
const Provenance = t.intersection([t.type({ provider: t.string, model: t.string, generatedAt: t.string }), t.partial({ cachedAt: t.string })]);
const withProvenance = (answer: t.Mixed) => t.intersection([answer, Provenance]);

/** Recommendations the server backs with a prepare link (API.md "AI"). */
const Actions = t.type({ actions: t.readonlyArray(LinkedSuggestionCodec) });

const MarketMoveCodec = t.type({ symbol: t.string, usd: NullableNumber, change24h: NullableNumber, isStable: t.boolean, stale: t.boolean });


const ChatHistoryCodec = t.type({ messages: t.readonlyArray(t.type({ id: t.string, role: t.string, content: t.string, createdAt: t.string })) });

const AI_ERRORS = [400, 401, 403, 429, 503];

/** The assistant: analysis, suggestions, explanations, strategy risk, market insights and chat. */
export const aiContract: ReadonlyArray<RouteContract> = [
  { method: 'post', path: '/api/ai/analyze', tag: 'AI', auth: 'bearer', summary: 'Portfolio analysis (provider "openai" or "heuristic")', body: AnalyzeBody, answers: { 200: { description: 'the analysis', data: withProvenance(t.intersection([AnalysisAnswerCodec, Actions])) } }, errors: AI_ERRORS },
  { method: 'post', path: '/api/ai/suggest', tag: 'AI', auth: 'bearer', summary: 'Suggestions toward goals and a risk tolerance', body: SuggestBody, answers: { 200: { description: 'the suggestions', data: withProvenance(LinkedSuggestionsAnswerCodec) } }, errors: AI_ERRORS },
  { method: 'post', path: '/api/ai/explain', tag: 'AI', auth: 'bearer', summary: 'Explain a DeFi concept', body: ExplainBody, answers: { 200: { description: 'the explanation', data: withProvenance(t.type({ explanation: t.string })) } }, errors: AI_ERRORS },
  { method: 'post', path: '/api/ai/risk-assessment', tag: 'AI', auth: 'bearer', summary: 'Assess a strategy against the portfolio', body: RiskAssessmentBody, answers: { 200: { description: 'the assessment', data: withProvenance(RiskAssessmentAnswerCodec) } }, errors: AI_ERRORS },
  {
    method: 'get',
    path: '/api/ai/market-insights',
    tag: 'AI',
    auth: 'bearer',
    summary: "Insights grounded in the registry tokens' price moves",
    query: MarketInsightsQuery,
    answers: { 200: { description: 'the insights', data: withProvenance(t.intersection([MarketInsightsAnswerCodec, t.type({ prices: t.readonlyArray(MarketMoveCodec) })])) } },
    errors: AI_ERRORS,
  },
  { method: 'post', path: '/api/chat/message', tag: 'Chat', auth: 'bearer', summary: 'Ask about your portfolio', body: MessageBody, answers: { 200: { description: 'the reply', data: ChatReplyCodec } }, errors: AI_ERRORS, eventStream: true },
  { method: 'post', path: '/api/chat/analysis', tag: 'Chat', auth: 'bearer', summary: 'A chat-style analysis of the portfolio', body: AnalysisBody, answers: { 200: { description: 'the reply', data: ChatReplyCodec } }, errors: AI_ERRORS, eventStream: true },
  { method: 'get', path: '/api/chat/history', tag: 'Chat', auth: 'bearer', summary: 'Your chat history (paginated, newest first)', query: HistoryQuery, answers: { 200: { description: 'the messages', data: ChatHistoryCodec } }, errors: [400, 401, 404, 503] },
  { method: 'delete', path: '/api/chat/history', tag: 'Chat', auth: 'bearer', summary: 'Delete your chat history', answers: { 200: { description: 'deleted', data: t.type({ deleted: t.number }) } }, errors: [401, 503] },
];
