import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as t from 'io-ts';
import type { ReadResult } from './read-plan';
import { AbiDecimals } from './read-value-codecs';

const firstLine = (text: string): string => (text.split('\n')[0] ?? text).slice(0, 200);

/** viem's one-line reason when there is one (e.g. `returned no data ("0x")`), else the first line of the message. */
const reasonOf = (error: unknown): string => {
  if (!(error instanceof Error)) return 'unknown error';
  return firstLine('shortMessage' in error && typeof error.shortMessage === 'string' ? error.shortMessage : error.message);
};

/** Where the first wrong value sits in the answer and what was expected there. */
const describeErrors = (errors: t.Errors): string => {
  const first = errors[0];
  if (first === undefined) return 'an unexpected shape';
  const path = first.context
    .map((entry) => entry.key)
    .filter((key) => key !== '')
    .join('.');
  const expected = first.context[first.context.length - 1]?.type.name ?? 'another value';
  return path === '' ? `not ${expected}` : `value ${path} is not ${expected}`;
};

/**
 * The one decoder of a contract read's answer: the value `codec` decodes out of a successful read, or an Error
 * naming the read (`what`) and why: the call failed (viem's reason), or its answer has another shape.
 */
export const decodeReadResult =
  <A>(codec: t.Decoder<unknown, A>, what: string) =>
  (result: ReadResult | undefined): E.Either<Error, A> => {
    if (result === undefined) return E.left(new Error(`${what} failed: no result`));
    if (!result.ok) return E.left(new Error(`${what} failed: ${reasonOf(result.error)}`, { cause: result.error }));
    return pipe(
      codec.decode(result.value),
      E.mapLeft((errors) => new Error(`${what}: unexpected answer (${describeErrors(errors)})`)),
    );
  };

/** The decoded value, or undefined when the read failed or answered another shape (for optional reads such as symbol()). */
export const decodeOptionalRead =
  <A>(codec: t.Decoder<unknown, A>) =>
  (result: ReadResult | undefined): A | undefined =>
    pipe(decodeReadResult(codec, 'optional read')(result), E.getOrElseW(() => undefined));

/** An ERC-20's decimals() answer (at most 36), or undefined. */
export const optionalDecimals = decodeOptionalRead(AbiDecimals);

/** A string answer (symbol(), name(): untrusted chain text), or undefined. */
export const optionalString = decodeOptionalRead(t.string);
