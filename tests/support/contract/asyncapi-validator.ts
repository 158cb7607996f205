import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { asyncApiDocument } from '../../../src/http/openapi/asyncapi-document';

/** Checks Socket.IO payloads and acknowledgements against the AsyncAPI document the server serves. */
export const makeAsyncApiValidator = (doc = asyncApiDocument('test')) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...doc, $id: 'asyncapi' });
  const compiled = new Map<string, ValidateFunction>();
  const messages = doc.components.messages as Record<string, unknown>;

  /** A sentence saying how `payload` breaks message `name`'s schema, or undefined when it conforms or is not documented here. */
  const problemWith = (name: string, payload: unknown): string | undefined => {
    if (messages[name] === undefined) return undefined;
    let validate = compiled.get(name);
    if (validate === undefined) {
      validate = ajv.compile({ $ref: `asyncapi#/components/messages/${name}/payload` });
      compiled.set(name, validate);
    }
    return validate(payload) ? undefined : `${name} does not match the AsyncAPI document: ${ajv.errorsText(validate.errors, { separator: '; ' })}`;
  };

  return { problemWith, isDocumented: (name: string) => messages[name] !== undefined };
};
