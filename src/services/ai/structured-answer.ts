import type * as t from 'io-ts';
import * as E from 'fp-ts/Either';
import type * as TE from 'fp-ts/TaskEither';
import type { AnswerSchema } from '../../domain/ai/answer-text';
import { PathReporter } from 'io-ts/PathReporter';
import type { ChatModel, ModelFailure, ModelMessage } from './chat-model';

const decodeJson = <A>(codec: t.Decoder<unknown, A>, text: string | null): E.Either<string, A> => {
  if (text === null) return E.left('no content (refused or empty)');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return E.left('not valid JSON');
  }
  const decoded = codec.decode(json);
  return E.isRight(decoded)
    ? decoded
    : E.left(PathReporter.report(decoded).slice(0, 5).join('; ').slice(0, 1000));
};

/**
 * Structured output: asks for JSON matching `schema`, decodes it with `codec`, and gives an answer that does not
 * decode exactly one repair attempt (the problems are sent back). Fails with the model's failure, or
 * ModelBadResponse when the repaired answer does not decode either.
 */
export const structuredAnswer =
  <A>(model: ChatModel, messages: ReadonlyArray<ModelMessage>, schema: AnswerSchema, codec: t.Decoder<unknown, A>, signal?: AbortSignal): TE.TaskEither<ModelFailure, A> =>
  async () => {
    const options = signal === undefined ? {} : { signal };
    const first = await model.complete({ messages, jsonSchema: schema }, options)();
    if (E.isLeft(first)) return first;
    const decoded = decodeJson(codec, first.right.content);
    if (E.isRight(decoded)) return decoded;
    const repair: ReadonlyArray<ModelMessage> = [
      ...messages,
      { role: 'assistant', content: first.right.content ?? '' },
      { role: 'user', content: `That answer does not match the required JSON schema (${decoded.left}). Reply again with only JSON that matches the schema.` },
    ];
    const second = await model.complete({ messages: repair, jsonSchema: schema }, options)();
    if (E.isLeft(second)) return second;
    const repaired = decodeJson(codec, second.right.content);
    return E.isRight(repaired) ? repaired : E.left({ _tag: 'ModelBadResponse', cause: repaired.left });
  };
