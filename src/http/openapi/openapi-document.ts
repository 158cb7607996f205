import * as t from 'io-ts';
import { API_CONTRACT } from '../contract/api-contract';
import type { AnswerContract, RouteContract } from '../contract/route-contract';
import { toJsonSchema, type JsonSchema } from './codec-to-json-schema';
import { NAMED_SCHEMAS } from './named-schemas';

/**
 * The OpenAPI 3.1 document of the public contract (shared/API.md), served at /api/docs: generated from the route
 * contracts (src/http/contract), whose codecs are the ones the routes decode and answer with.
 */


const schemaOf = (codec: t.Mixed): JsonSchema => toJsonSchema(codec, NAMED_SCHEMAS, false);

const ERROR_TEXT: Readonly<Record<number, string>> = {
  400: 'Invalid input (VALIDATION_ERROR, INVALID_ADDRESS, BAD_REQUEST)',
  401: 'Not signed in or bad token (UNAUTHORIZED, TOKEN_INVALID, TOKEN_EXPIRED, TOKEN_REVOKED, SIWE_*)',
  403: 'Signed in as another wallet, or not the owner (FORBIDDEN, NOT_OWNER)',
  404: 'Unknown resource (NOT_FOUND)',
  409: 'Conflict (CONFLICT)',
  413: 'Body too large (PAYLOAD_TOO_LARGE)',
  415: 'Content-Encoding or charset not supported (UNSUPPORTED_MEDIA_TYPE)',
  422: 'Understood but not possible (ADDRESS_NOT_ASSOCIATED, UNKNOWN_ASSET, NO_ROUTE, NOTHING_TO_DO)',
  429: 'Rate limited or budget spent (RATE_LIMITED, AI_RATE_LIMITED, AI_BUDGET_EXCEEDED); see Retry-After',
  502: 'An upstream answered badly (UPSTREAM_BAD_RESPONSE)',
  503: 'An upstream or dependency is unreachable (RPC_UNAVAILABLE, UPSTREAM_UNAVAILABLE, SERVICE_UNAVAILABLE, TIMEOUT, NOT_READY)',
};

/** Every route may also answer these (body limits and encodings, checked before the route). */
const COMMON_ERRORS = [413, 415];

const successEnvelope = (data: t.Mixed): JsonSchema => ({ type: 'object', required: ['success', 'data'], properties: { success: { const: true }, data: schemaOf(data) } });

const answerOf = (answer: AnswerContract, eventStream: boolean): JsonSchema => {
  if ('empty' in answer) return { description: answer.description };
  if ('text' in answer) return { description: answer.description, content: { [answer.text]: { schema: { type: 'string' } } } };
  const schema = 'data' in answer ? successEnvelope(answer.data) : schemaOf(answer.body);
  const stream = eventStream ? { 'text/event-stream': { schema: { type: 'string', description: 'event: chunk {id, delta} … then event: done with the JSON reply (or event: error {code, message})' } } } : {};
  return { description: answer.description, content: { 'application/json': { schema }, ...stream } };
};

interface ObjectSchema {
  readonly properties?: Record<string, JsonSchema>;
  readonly required?: ReadonlyArray<string>;
}

const queryParameters = (query: t.Mixed): ReadonlyArray<JsonSchema> => {
  const schema = toJsonSchema(query) as ObjectSchema;
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: (schema.required ?? []).includes(name), schema: s }));
};

const operationOf = (route: RouteContract): JsonSchema => {
  const errors = [...new Set([...route.errors, ...(route.body === undefined ? [] : COMMON_ERRORS)])].sort((a, b) => a - b);
  return {
    tags: [route.tag],
    summary: route.summary,
    ...(route.auth === undefined ? {} : { security: [{ [route.auth]: [] }] }),
    parameters: [
      ...Object.entries(route.params ?? {}).map(([name, description]) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } })),
      ...(route.query === undefined ? [] : queryParameters(route.query)),
    ],
    ...(route.body === undefined ? {} : { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(route.body) } } } }),
    responses: {
      ...Object.fromEntries(Object.entries(route.answers).map(([status, answer]) => [status, answerOf(answer, route.eventStream === true)])),
      ...Object.fromEntries(
        errors
          .filter((status) => route.answers[status] === undefined)
          .map((status) => [String(status), { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }]),
      ),
    },
  };
};

const pathsOf = (routes: ReadonlyArray<RouteContract>): Record<string, Record<string, JsonSchema>> => {
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of routes) (paths[route.path] ??= {})[route.method] = operationOf(route);
  return paths;
};

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly components: JsonSchema;
  readonly paths: Record<string, Record<string, JsonSchema>>;
}

export const openApiDocument = (version: string, routes: ReadonlyArray<RouteContract> = API_CONTRACT): OpenApiDocument => ({
  openapi: '3.1.0',
  info: {
    title: 'Sei AI Portfolio Manager API',
    version,
    description:
      'Portfolio, DeFi positions, prices, sign-in, alerts, transactions and AI for Sei EVM wallets. Every response is `{ success, data }` or `{ success: false, error: { code, message, details? } }` and carries `X-Request-Id`. The Socket.IO contract is the AsyncAPI document at /api/docs/asyncapi.json.',
  },
  components: {
    securitySchemes: {
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (from POST /api/auth/verify)' },
      metrics: { type: 'http', scheme: 'bearer', description: 'METRICS_TOKEN (or a loopback client)' },
    },
    schemas: Object.fromEntries([...NAMED_SCHEMAS].map(([codec, name]) => [name, toJsonSchema(codec, NAMED_SCHEMAS, true)])),
  },
  paths: pathsOf(routes),
});
