import type * as t from 'io-ts';

/**
 * The JSON Schema of a codec built with `new t.Type` (which carries no structure of its own), for the OpenAPI and
 * AsyncAPI documents that are generated from the codecs (src/http/openapi/codec-to-json-schema.ts).
 */
export type JsonSchema = Readonly<Record<string, unknown>>;

/** A schema, or one built from the schemas of the codecs it contains (`schemaOf` is the document's converter). */
export type CodecDescription = JsonSchema | ((schemaOf: (inner: t.Mixed) => JsonSchema) => JsonSchema);

const described = new WeakMap<t.Mixed, CodecDescription>();

/** Attaches a description to `codec` and returns the codec. */
export const describeCodec = <C extends t.Mixed>(codec: C, description: CodecDescription): C => {
  described.set(codec, description);
  return codec;
};

/** The description attached with describeCodec, if any. */
export const descriptionOf = (codec: t.Mixed): CodecDescription | undefined => described.get(codec);
