import * as t from 'io-ts';
import { AnswerTextCodec, AnswerTextListCodec, RiskLevelCodec, riskLevelSchema, strictObject, textListSchema, textSchema, type AnswerSchema } from './answer-text';

/** What `/api/ai/risk-assessment` asks the model for: the risk of a strategy given the wallet's position. */
export const RiskAssessmentAnswerCodec = t.exact(t.type({ level: RiskLevelCodec, factors: AnswerTextListCodec, summary: AnswerTextCodec }));
export type RiskAssessmentAnswer = t.TypeOf<typeof RiskAssessmentAnswerCodec>;

export const riskAssessmentAnswerSchema: AnswerSchema = {
  name: 'strategy_risk_assessment',
  schema: strictObject({ level: riskLevelSchema, factors: textListSchema, summary: textSchema }),
};
