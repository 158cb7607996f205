import * as t from 'io-ts';
import { answerListCodec, AnswerTextCodec, strictObject, textListSchema, type AnswerSchema } from './answer-text';

/** What `/api/ai/market-insights` asks the model for. */
export const MarketInsightsAnswerCodec = t.exact(t.type({ insights: answerListCodec(AnswerTextCodec, 1) }));
export type MarketInsightsAnswer = t.TypeOf<typeof MarketInsightsAnswerCodec>;

export const marketInsightsAnswerSchema: AnswerSchema = {
  name: 'market_insights',
  schema: strictObject({ insights: textListSchema }),
};
