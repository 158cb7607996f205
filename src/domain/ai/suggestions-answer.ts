import * as t from 'io-ts';
import { answerListCodec, AnswerTextCodec, strictObject, textSchema, type AnswerSchema } from './answer-text';

export const SuggestionCodec = t.exact(t.type({ action: AnswerTextCodec, rationale: AnswerTextCodec, expectedImpact: AnswerTextCodec }));

/** What `/api/ai/suggest` asks the model for. */
export const SuggestionsAnswerCodec = t.exact(
  t.type({ suggestions: answerListCodec(SuggestionCodec, 1) }),
);
export type SuggestionsAnswer = t.TypeOf<typeof SuggestionsAnswerCodec>;

export const suggestionsAnswerSchema: AnswerSchema = {
  name: 'portfolio_suggestions',
  schema: strictObject({
    suggestions: { type: 'array', items: strictObject({ action: textSchema, rationale: textSchema, expectedImpact: textSchema }) },
  }),
};
