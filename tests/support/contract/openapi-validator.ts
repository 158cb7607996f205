import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { openApiDocument, type OpenApiDocument } from '../../../src/http/openapi/openapi-document';

/** What one response looked like, as a test client received it. */
export interface ReceivedResponse {
  readonly method: string;
  readonly url: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

const pointer = (...parts: ReadonlyArray<string>): string => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

interface PathTemplate {
  readonly template: string;
  readonly pattern: RegExp;
}

/** Checks responses against the OpenAPI document the server serves (built from the same route contracts). */
export const makeOpenApiValidator = (doc: OpenApiDocument = openApiDocument('test')) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...doc, $id: 'openapi' });
  const templates: ReadonlyArray<PathTemplate> = Object.keys(doc.paths)
    .map((template) => ({ template, pattern: new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`) }))
    // Literal paths win over templated ones (/api/portfolio/summary before /api/portfolio/{address}).
    .sort((a, b) => (a.template.match(/\{/g)?.length ?? 0) - (b.template.match(/\{/g)?.length ?? 0));
  const compiled = new Map<string, ValidateFunction>();

  const validatorFor = (ref: string): ValidateFunction => {
    const known = compiled.get(ref);
    if (known !== undefined) return known;
    const fn = ajv.compile({ $ref: ref });
    compiled.set(ref, fn);
    return fn;
  };

  /** A sentence saying how the response breaks the document, or undefined when it conforms (or is not an API route). */
  const problemWith = (r: ReceivedResponse): string | undefined => {
    const method = r.method.toLowerCase();
    if (!['get', 'post', 'delete', 'put', 'patch'].includes(method)) return undefined;
    const path = new URL(r.url, 'http://localhost').pathname;
    const template = templates.find((tp) => tp.pattern.test(path))?.template;
    const operation = template === undefined ? undefined : (doc.paths[template]?.[method] as { responses?: Record<string, { content?: Record<string, unknown> }> } | undefined);
    // Paths no route contract has (routes a test mounts, URLs refused before routing) are not the API's: the
    // static check in tests/docs/contract-documents.test.ts is what keeps every served route documented.
    if (operation === undefined) return undefined;
    const answer = operation.responses?.[String(r.status)];
    if (answer === undefined) return `${r.method} ${template} answered ${r.status}, which the OpenAPI document does not list`;
    const json = (r.contentType ?? '').includes('application/json');
    if (!json || answer.content?.['application/json'] === undefined) return undefined;
    const validate = validatorFor(`openapi#${pointer('', 'paths', template ?? '', method, 'responses', String(r.status), 'content', 'application/json', 'schema')}`);
    if (validate(r.body)) return undefined;
    return `${r.method} ${template} ${r.status} does not match the OpenAPI document: ${ajv.errorsText(validate.errors, { separator: '; ' })}`;
  };

  return { problemWith };
};
