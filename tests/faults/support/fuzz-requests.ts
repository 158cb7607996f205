import { deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { addressLike, hostileJson, hostileNumber, hostileText } from '../../support/arbitraries';
import type { Ask } from './answers';

/** A request part as generated, before the signed-in wallet's token and address are known. */
export interface FuzzRequest {
  readonly family: string;
  readonly method: string;
  readonly path: string;
  /** 'token' (the signed-in wallet's), 'none', or the Authorization header to send as it is. */
  readonly auth: string;
  readonly body?: { readonly bytes: Buffer; readonly headers: Readonly<Record<string, string>> };
}

/** The signed-in wallet the fuzz may name, so ownership checks pass some of the time. */
export interface FuzzIdentity {
  readonly token: string;
  readonly address: string;
}

const OWN_ADDRESS = '{own}';

/** encodeURIComponent for any string: a lone surrogate (which it throws on) goes as the bytes of U+FFFD. */
const percentEncode = (value: string): string =>
  encodeURIComponent(value.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

/** A path segment: percent-encoded when it has to be, raw (escapes broken on purpose) otherwise. */
const segment = (value: fc.Arbitrary<string>) =>
  fc.tuple(value, fc.boolean()).map(([v, raw]) => (raw && /^[\u0021-\u00ff]*$/.test(v) && !/[/?#]/.test(v) ? v : percentEncode(v)));

const addressSegment = segment(fc.oneof({ weight: 1, arbitrary: fc.constant(OWN_ADDRESS) }, { weight: 4, arbitrary: addressLike }));

/** A query string: the expected keys with hostile values, array and object forms, prototype keys, repeats. */
const query = (keys: ReadonlyArray<string>) =>
  fc
    .array(
      fc.tuple(
        fc.oneof(fc.constantFrom(...keys, '__proto__', 'constructor', '__proto__[polluted]', 'constructor[prototype][polluted]'), fc.constantFrom(...keys).map((k) => `${k}[]`), hostileText),
        fc.oneof(hostileText.map(String), hostileNumber.map(String), fc.constant(OWN_ADDRESS), addressLike),
      ),
      { maxLength: 4 },
    )
    .map((pairs) => (pairs.length === 0 ? '' : `?${pairs.map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&')}`));

/** What a JSON route receives: its own fields with hostile values, any JSON, bad JSON, prototype keys, wrong types and encodings, too much. */
const body = (fields: Readonly<Record<string, fc.Arbitrary<unknown>>>) => {
  const json = fc.oneof(
    { weight: 4, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    { weight: 2, arbitrary: fc.record(Object.fromEntries(Object.keys(fields).map((k) => [k, hostileJson])), { requiredKeys: [] }) },
    { weight: 1, arbitrary: hostileJson },
  );
  const jsonText = fc.oneof(
    { weight: 6, arbitrary: json.map((v) => JSON.stringify(v) ?? 'null') },
    {
      weight: 2,
      arbitrary: fc.constantFrom(
        '{',
        '{"a":',
        '[1,2',
        'nul',
        '{"__proto__":{"polluted":true}}',
        '{"constructor":{"prototype":{"polluted":true}}}',
        '{"a":1,"a":2}',
        '\ufeff{}',
        '{"deep":' + '['.repeat(5000) + ']'.repeat(5000) + '}',
        '',
      ),
    },
    { weight: 1, arbitrary: hostileText },
  );
  const encoded = fc.tuple(jsonText, fc.constantFrom('plain', 'plain', 'plain', 'gzip', 'deflate', 'gzip-label', 'deflate-label', 'br-label', 'unknown-encoding', 'text', 'form', 'utf16', 'no-type'));
  return fc.oneof(
    { weight: 30, arbitrary: encoded.map(([text, how]) => encode(text, how)) },
    { weight: 1, arbitrary: fc.constant({ bytes: Buffer.alloc(1024 * 1024 + 16, 0x61), headers: { 'content-type': 'application/json' } }) },
  );
};

const encode = (text: string, how: string): NonNullable<FuzzRequest['body']> => {
  const bytes = Buffer.from(text, 'utf8');
  const json = { 'content-type': 'application/json' };
  switch (how) {
    case 'gzip':
      return { bytes: gzipSync(bytes), headers: { ...json, 'content-encoding': 'gzip' } };
    case 'deflate':
      return { bytes: deflateSync(bytes), headers: { ...json, 'content-encoding': 'deflate' } };
    // The label says compressed, the bytes are not.
    case 'gzip-label':
      return { bytes, headers: { ...json, 'content-encoding': 'gzip' } };
    case 'deflate-label':
      return { bytes, headers: { ...json, 'content-encoding': 'deflate' } };
    case 'br-label':
      return { bytes, headers: { ...json, 'content-encoding': 'br' } };
    case 'unknown-encoding':
      return { bytes, headers: { ...json, 'content-encoding': 'zstd, x-mystery' } };
    case 'text':
      return { bytes, headers: { 'content-type': 'text/plain' } };
    case 'form':
      return { bytes, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
    case 'utf16':
      return { bytes: Buffer.from(text, 'utf16le'), headers: { 'content-type': 'application/json; charset=utf-16' } };
    case 'no-type':
      return { bytes, headers: {} };
    default:
      return { bytes, headers: json };
  }
};

/** What an HTTP client can put in a header: no control characters, nothing past Latin-1 (Node refuses to send those). */
const asHeaderValue = (value: string): string => value.replace(/[^\t\x20-\x7e\x80-\xff]/g, '?');

/** Who the request claims to be: the signed-in wallet most often, else nobody or a forged or malformed token. */
const auth = fc.oneof(
  { weight: 4, arbitrary: fc.constant('token') },
  { weight: 1, arbitrary: fc.constant('none') },
  { weight: 2, arbitrary: fc.oneof(hostileText.map((t) => asHeaderValue(`Bearer ${t}`)), fc.constantFrom('Bearer', 'Basic YTpi', 'bearer x.y.z', 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.')) },
);
/** For routes that would end the session (logout, erasure): never the real token, so the rest of the run stays signed in. */
const authNotOwn = auth.filter((a) => a !== 'token');

interface Family {
  readonly name: string;
  readonly requests: fc.Arbitrary<Omit<FuzzRequest, 'family'>>;
}

const get = (path: fc.Arbitrary<string>, who = auth) => fc.record({ method: fc.constant('GET'), path, auth: who });
const withBody = (method: string, path: fc.Arbitrary<string>, fields: Readonly<Record<string, fc.Arbitrary<unknown>>>, who = auth) =>
  fc.record({ method: fc.constant(method), path, auth: who, body: body(fields) });
const path = (...parts: ReadonlyArray<string | fc.Arbitrary<string>>) => fc.tuple(...parts.map((p) => (typeof p === 'string' ? fc.constant(p) : p))).map((ps) => ps.join(''));

const text = fc.oneof(fc.string({ maxLength: 60 }), hostileText);
/** A base-unit amount as the transaction routes take it: a decimal string, up to and past 2^256. */
const baseUnits = fc.bigInt({ min: 0n, max: 2n ** 260n }).map(String);
const txHash = fc.stringMatching(/^0x[0-9a-f]{64}$/);
const portfolioSub = fc.constantFrom('', '/summary', '/risk', '/history', '/performance');

/** Every route family of the API, each generating requests to its routes. */
export const FAMILIES: ReadonlyArray<Family> = [
  {
    name: 'portfolio',
    requests: fc.oneof(
      get(path('/api/portfolio/', addressSegment, portfolioSub, query(['range', 'period', 'tokens']))),
      withBody('POST', path('/api/portfolio/', addressSegment, '/refresh'), {}),
      get(path(fc.constantFrom('/api/portfolio/data', '/api/portfolio/summary'), query(['walletAddress', 'address']))),
      get(path('/api/tokens', query(['page']))),
    ),
  },
  {
    name: 'prices',
    requests: fc.oneof(
      get(path('/api/prices', query(['ids', 'tokens']))),
      get(path('/api/prices/', segment(fc.oneof(fc.constantFrom('sei', 'sei-network'), addressLike)), '/history', query(['range']))),
    ),
  },
  {
    name: 'ai',
    requests: fc.oneof(
      withBody('POST', fc.constant('/api/ai/analyze'), { walletAddress: fc.oneof(fc.constant(OWN_ADDRESS), addressLike), analysisType: fc.constantFrom('basic', 'detailed', 'risk_focused', 'x') }),
      withBody('POST', fc.constant('/api/ai/suggest'), { walletAddress: addressLike, goals: fc.array(text, { maxLength: 12 }), riskTolerance: fc.constantFrom('conservative', 'moderate', 'aggressive', '') }),
      withBody('POST', fc.constant('/api/ai/explain'), { concept: text, context: text, complexity: fc.constantFrom('beginner', 'advanced', 'expert') }),
      withBody('POST', fc.constant('/api/ai/risk-assessment'), { strategy: text, walletAddress: fc.oneof(fc.constant(OWN_ADDRESS), addressLike) }),
      get(path('/api/ai/market-insights', query(['focus', 'timeframe']))),
    ),
  },
  {
    name: 'chat',
    requests: fc.oneof(
      withBody('POST', fc.constant('/api/chat/message'), { message: text, context: fc.record({ includePortfolio: fc.boolean(), includeMarketData: hostileJson }, { requiredKeys: [] }) }),
      withBody('POST', fc.constant('/api/chat/analysis'), { focus: fc.constantFrom('performance', 'risk', 'everything') }),
      get(path('/api/chat/history', query(['limit', 'before']))),
      fc.record({ method: fc.constant('DELETE'), path: fc.constant('/api/chat/history'), auth }),
    ),
  },
  {
    name: 'alerts',
    requests: fc.oneof(
      get(path('/api/alerts', query(['limit']))),
      withBody('POST', fc.constant('/api/alerts'), { type: fc.constantFrom('health_factor_below', 'price_above', 'price_below', 'nope'), threshold: hostileNumber, token: fc.oneof(addressLike, text) }),
      get(path('/api/alerts/events', query(['limit']))),
      fc.record({ method: fc.constant('DELETE'), path: path('/api/alerts/', segment(fc.oneof(fc.uuid(), hostileText))), auth }),
    ),
  },
  {
    name: 'auth',
    requests: fc.oneof(
      get(fc.constant('/api/auth/nonce')),
      withBody('POST', fc.constant('/api/auth/verify'), { message: text, signature: fc.oneof(fc.stringMatching(/^0x[0-9a-f]{130}$/), text) }),
      get(fc.constant('/api/auth/me')),
      withBody('POST', fc.constant('/api/auth/logout'), {}, authNotOwn),
    ),
  },
  {
    name: 'account',
    requests: fc.record({ method: fc.constant('DELETE'), path: fc.constant('/api/me/data'), auth: authNotOwn }),
  },
  {
    name: 'tx',
    requests: fc.oneof(
      withBody('POST', fc.constantFrom('/api/tx/wrap', '/api/tx/unwrap'), { amount: fc.oneof(baseUnits, fc.constant('max'), hostileNumber, text) }),
      withBody('POST', fc.constantFrom('/api/tx/lending/supply', '/api/tx/lending/withdraw', '/api/tx/lending/borrow', '/api/tx/lending/repay'), {
        asset: addressLike,
        amount: fc.oneof(baseUnits, fc.constant('max'), hostileNumber),
        onBehalfOf: addressLike,
        to: addressLike,
      }),
      withBody('POST', fc.constant('/api/tx/swap'), { tokenIn: fc.oneof(fc.constant('native'), addressLike), tokenOut: addressLike, amountIn: fc.oneof(baseUnits, hostileNumber), slippageBps: hostileNumber }),
      withBody('POST', fc.constantFrom('/api/tx/liquidity/add', '/api/tx/liquidity/remove', '/api/tx/liquidity/collect'), {
        token0: addressLike,
        token1: addressLike,
        fee: hostileNumber,
        tickLower: hostileNumber,
        tickUpper: hostileNumber,
        amount0Desired: fc.oneof(baseUnits, hostileNumber),
        amount1Desired: fc.oneof(baseUnits, hostileNumber),
        tokenId: fc.oneof(baseUnits, hostileNumber),
        percent: hostileNumber,
      }),
      withBody('POST', fc.constant('/api/tx/track'), { hash: fc.oneof(txHash, hostileText) }),
      get(path('/api/tx', query(['limit', 'before']))),
      get(path('/api/tx/', segment(fc.oneof(txHash, hostileText)))),
    ),
  },
  {
    name: 'health',
    requests: get(fc.constantFrom('/health', '/health/live', '/health/ready', '/health/%zz', '/health/../health')),
  },
  {
    name: 'docs',
    requests: get(path(fc.constantFrom('/api/docs', '/api/docs/openapi.json', '/api/docs/'), query(['url', 'spec']))),
  },
  {
    name: 'unknown',
    requests: fc.record({ method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'), path: path('/api/', segment(hostileText), query(['x'])), auth }),
  },
];

/** A request to any family, with its family named. */
export const fuzzRequest: fc.Arbitrary<FuzzRequest> = fc.oneof(...FAMILIES.map((f) => f.requests.map((r): FuzzRequest => ({ family: f.name, ...r }))));

/** The request as sent: the own-address placeholder filled in, the token or forged authorization set. */
export const toAsk = (request: FuzzRequest, identity: FuzzIdentity): Ask => {
  const fill = (s: string) => s.split(encodeURIComponent(OWN_ADDRESS)).join(identity.address).split(OWN_ADDRESS).join(identity.address);
  const authorization = request.auth === 'token' ? `Bearer ${identity.token}` : request.auth === 'none' ? undefined : request.auth;
  const bytes = request.body === undefined ? undefined : Buffer.from(fill(request.body.bytes.toString('latin1')), 'latin1');
  return {
    method: request.method,
    path: fill(request.path),
    ...(bytes === undefined ? {} : { body: bytes }),
    headers: { ...request.body?.headers, ...(authorization === undefined ? {} : { authorization }) },
  };
};
