import type * as t from 'io-ts';
import { descriptionOf } from '../../domain/codecs/describe-codec';

/**
 * JSON Schema (2020-12, as OpenAPI 3.1 and AsyncAPI 3 use it) of an io-ts codec: the codecs the code decodes and
 * answers with are the one source of the documents. Codecs built with `new t.Type` carry no structure; give them a
 * schema with `describeCodec` (src/domain/codecs), or building the document throws (so a test catches it).
 */
export type JsonSchema = Record<string, unknown>;

/** Codecs rendered as `$ref: '#/components/schemas/<name>'` instead of inline. */
export type NamedCodecs = ReadonlyMap<t.Mixed, string>;

interface Tagged {
  readonly _tag?: string;
  readonly name: string;
}

const isUndefinedCodec = (codec: t.Mixed): boolean => (codec as Tagged)._tag === 'UndefinedType' || (codec as Tagged)._tag === 'VoidType';

/** An optional property of a t.type: a union with undefined. */
const withoutUndefined = (codec: t.Mixed): t.Mixed | undefined => {
  if ((codec as Tagged)._tag !== 'UnionType') return undefined;
  const members = (codec as unknown as t.UnionType<t.Mixed[]>).types;
  if (!members.some(isUndefinedCodec)) return undefined;
  const rest = members.filter((m) => !isUndefinedCodec(m));
  return rest.length === 1 && rest[0] !== undefined ? rest[0] : undefined;
};

const objectSchema = (props: Record<string, t.Mixed>, allRequired: boolean, named: NamedCodecs): JsonSchema => {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const [key, codec] of Object.entries(props)) {
    const optional = withoutUndefined(codec);
    properties[key] = toJsonSchema(optional ?? codec, named);
    if (allRequired && optional === undefined) required.push(key);
  }
  return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
};

/** One object schema for an intersection of object codecs (t.type & t.partial, a key check), else allOf. */
const mergeObjects = (parts: ReadonlyArray<JsonSchema>): JsonSchema => {
  if (!parts.every((p) => p['type'] === 'object')) return { allOf: parts };
  const properties = Object.assign({}, ...parts.map((p) => (p['properties'] ?? {}) as Record<string, JsonSchema>)) as Record<string, JsonSchema>;
  const required = parts.flatMap((p) => (p['required'] as string[] | undefined) ?? []);
  const closed = parts.some((p) => p['additionalProperties'] === false);
  const names = parts.find((p) => p['propertyNames'] !== undefined)?.['propertyNames'];
  return {
    type: 'object',
    properties,
    ...(required.length > 0 ? { required } : {}),
    ...(closed ? { additionalProperties: false } : {}),
    ...(names === undefined ? {} : { propertyNames: names }),
  };
};

const unionSchema = (members: ReadonlyArray<t.Mixed>, named: NamedCodecs): JsonSchema => {
  const literals = members.map((m) => ((m as Tagged)._tag === 'LiteralType' ? (m as unknown as t.LiteralC<string>).value : undefined));
  if (literals.every((v) => v !== undefined)) return { enum: literals };
  const schemas = members.filter((m) => !isUndefinedCodec(m)).map((m) => toJsonSchema(m, named, false));
  const nullable = members.some((m) => (m as Tagged)._tag === 'NullType');
  const simple = schemas.filter((s) => s['type'] !== 'null');
  if (nullable && simple.length === 1 && typeof simple[0]?.['type'] === 'string' && Object.keys(simple[0]).length === 1) return { type: [simple[0]['type'], 'null'] };
  return { anyOf: schemas };
};

/** The JSON Schema of `codec`; named codecs (other than `codec` itself at the top) become references. */
export const toJsonSchema = (codec: t.Mixed, named: NamedCodecs = new Map(), top = true): JsonSchema => {
  const name = named.get(codec);
  if (name !== undefined && !top) return { $ref: `#/components/schemas/${name}` };
  const inner = (c: t.Mixed) => toJsonSchema(c, named, false);
  const given = descriptionOf(codec);
  if (given !== undefined) return typeof given === 'function' ? given(inner) : { ...given };
  const c = codec as unknown as Record<string, unknown> & Tagged;
  switch (c._tag) {
    case 'StringType':
      return { type: 'string' };
    case 'NumberType':
      return { type: 'number' };
    case 'BooleanType':
      return { type: 'boolean' };
    case 'NullType':
      return { type: 'null' };
    case 'UnknownType':
    case 'AnyType':
      return {};
    case 'UnknownRecordType':
    case 'AnyDictionaryType':
      return { type: 'object' };
    case 'UnknownArrayType':
    case 'AnyArrayType':
      return { type: 'array' };
    case 'LiteralType':
      return { const: c['value'] };
    case 'KeyofType':
      return { enum: Object.keys(c['keys'] as object) };
    case 'InterfaceType':
      return objectSchema(c['props'] as Record<string, t.Mixed>, true, named);
    case 'PartialType':
      return objectSchema(c['props'] as Record<string, t.Mixed>, false, named);
    case 'ExactType':
    case 'StrictType':
      return { ...toJsonSchema(c['type'] as t.Mixed, named, top), additionalProperties: false };
    case 'ReadonlyType':
      return toJsonSchema(c['type'] as t.Mixed, named, top);
    case 'RefinementType':
      return { ...toJsonSchema(c['type'] as t.Mixed, named, top), ...(c.name.startsWith('(') ? {} : { title: c.name }) };
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return { type: 'array', items: inner(c['type'] as t.Mixed) };
    case 'TupleType':
      return { type: 'array', prefixItems: (c['types'] as t.Mixed[]).map(inner), minItems: (c['types'] as t.Mixed[]).length, maxItems: (c['types'] as t.Mixed[]).length };
    case 'DictionaryType':
      return { type: 'object', additionalProperties: inner(c['codomain'] as t.Mixed) };
    case 'UnionType':
      return unionSchema(c['types'] as t.Mixed[], named);
    case 'IntersectionType':
      return mergeObjects((c['types'] as t.Mixed[]).map((m) => toJsonSchema(m, named, false)));
    default:
      throw new Error(`no JSON Schema for the codec ${c.name}: describe it with describeCodec`);
  }
};
