import * as t from 'io-ts';
import { describeCodec } from '../codecs/describe-codec';

/** Longest text field accepted from a model. */
export const MAX_ANSWER_TEXT = 4000;
/** Most items accepted in a list from a model. */
export const MAX_ANSWER_ITEMS = 12;

/** A non-blank string of at most `max` characters (a plain string type, so rule-based answers need no brand). */
export const boundedTextCodec = (max: number): t.Type<string, string, unknown> =>
  describeCodec(
    new t.Type<string, string, unknown>(
      `non-blank string of at most ${max} characters`,
      (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= max,
      (u, c) => (typeof u === 'string' && u.trim().length > 0 && u.length <= max ? t.success(u) : t.failure(u, c, `a non-blank string of at most ${max} characters`)),
      t.identity,
    ),
    { type: 'string', minLength: 1, maxLength: max },
  );

/** A text field of a model's answer. */
export const AnswerTextCodec = boundedTextCodec(MAX_ANSWER_TEXT);

/** A list of at most `max` answer texts and at least `min`. */
export const answerListCodec = <A, O>(item: t.Type<A, O, unknown>, min: number, max: number = MAX_ANSWER_ITEMS): t.Type<ReadonlyArray<A>, ReadonlyArray<O>, unknown> => {
  const array = t.readonlyArray(item);
  const list = new t.Type<ReadonlyArray<A>, ReadonlyArray<O>, unknown>(
    `List<${item.name}>[${min}..${max}]`,
    (u): u is ReadonlyArray<A> => array.is(u) && u.length >= min && u.length <= max,
    (u, c) => {
      if (Array.isArray(u) && (u.length < min || u.length > max)) return t.failure(u, c, `between ${min} and ${max} items`);
      return array.validate(u, c);
    },
    array.encode,
  );
  return describeCodec(list, (schemaOf) => ({ type: 'array', items: schemaOf(item), minItems: min, maxItems: max }));
};

export const AnswerTextListCodec = answerListCodec(AnswerTextCodec, 0);

export const RiskLevelCodec = t.keyof({ low: null, medium: null, high: null, critical: null });
export type AnswerRiskLevel = t.TypeOf<typeof RiskLevelCodec>;

/** JSON-schema fragments matching the codecs above (strict structured output allows no length keywords everywhere, so bounds are checked on decode). */
export const textSchema = { type: 'string' } as const;
export const textListSchema = { type: 'array', items: { type: 'string' } } as const;
export const riskLevelSchema = { type: 'string', enum: ['low', 'medium', 'high', 'critical'] } as const;

/** A strict object schema: every property required, nothing else allowed. */
export const strictObject = (properties: Readonly<Record<string, unknown>>): Record<string, unknown> => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});

/** A named JSON schema for structured output. */
export interface AnswerSchema {
  readonly name: string;
  readonly schema: Readonly<Record<string, unknown>>;
}
