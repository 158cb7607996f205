import * as t from 'io-ts';
import { AnswerTextCodec, AnswerTextListCodec, RiskLevelCodec, riskLevelSchema, strictObject, textListSchema, textSchema, type AnswerSchema } from './answer-text';

/** What `/api/ai/analyze` asks the model for (and what the rule-based engine produces). */
export const AnalysisAnswerCodec = t.exact(
  t.type({
    analysis: AnswerTextCodec,
    recommendations: AnswerTextListCodec,
    riskAssessment: t.exact(t.type({ level: RiskLevelCodec, factors: AnswerTextListCodec })),
    opportunities: AnswerTextListCodec,
  }),
);
export type AnalysisAnswer = t.TypeOf<typeof AnalysisAnswerCodec>;

export const analysisAnswerSchema: AnswerSchema = {
  name: 'portfolio_analysis',
  schema: strictObject({
    analysis: textSchema,
    recommendations: textListSchema,
    riskAssessment: strictObject({ level: riskLevelSchema, factors: textListSchema }),
    opportunities: textListSchema,
  }),
};
