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

/** A ready request for a prepare route (API.md "Transactions"), on a suggestion the server backed with one. */
export const PrepareLinkCodec = t.exact(t.type({ route: t.string, body: t.record(t.string, t.string) }));

/** A suggestion as `/api/ai/suggest` answers it: the model's or the rules' text, and `prepare` where an action fits. */
export const LinkedSuggestionCodec = t.intersection([SuggestionCodec, t.exact(t.partial({ prepare: PrepareLinkCodec }))]);
export type LinkedSuggestion = t.TypeOf<typeof LinkedSuggestionCodec>;

export const LinkedSuggestionsAnswerCodec = t.exact(t.type({ suggestions: answerListCodec(LinkedSuggestionCodec, 1) }));
export type LinkedSuggestionsAnswer = t.TypeOf<typeof LinkedSuggestionsAnswerCodec>;
