import * as E from 'fp-ts/Either';
import { pipe } from 'fp-ts/function';
import * as TE from 'fp-ts/TaskEither';
import type * as t from 'io-ts';
import type { AppConfig } from '../../config/app-config';
import type { Logger } from '../../services/ports/logger';
import type { Metrics } from '../../infra/metrics';
import type { CoinGeckoError } from '../../services/pricing/coingecko-api';
import { parseRetryAfter } from './parse-retry-after';

export interface CoinGeckoHttpDeps {
  readonly config: AppConfig['coingecko'];
  readonly metrics: Metrics;
  readonly logger: Logger;
  /** Clock for HTTP-date Retry-After values; `Date.now` by default. */
  readonly now?: () => number;
}

/** Seconds to wait after a 429 that carries no (readable) Retry-After. */
export const DEFAULT_RETRY_AFTER_SECONDS = 60;

type Outcome = 'ok' | 'http_4xx' | 'http_429' | 'http_5xx' | 'timeout' | 'network' | 'bad_body';

interface RawAnswer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly text: string;
}

/** A GET of `path?query` relative to the base URL, decoded with `codec`. */
export type CoinGeckoGet = <A>(path: string, query: string, codec: t.Decoder<unknown, A>) => TE.TaskEither<CoinGeckoError, A>;

// Duck-typed rather than `instanceof`: fetch rejects with a DOMException, which is not an Error in every realm.
const nameOf = (value: unknown): string | undefined =>
  typeof value === 'object' && value !== null && 'name' in value && typeof value.name === 'string' ? value.name : undefined;

const isTimeout = (cause: unknown): boolean =>
  nameOf(cause) === 'TimeoutError' || (typeof cause === 'object' && cause !== null && 'cause' in cause && nameOf(cause.cause) === 'TimeoutError');

const fromThrown = (cause: unknown): CoinGeckoError => ({
  _tag: 'UpstreamUnavailable',
  service: 'coingecko',
  reason: isTimeout(cause) ? 'timeout' : 'network',
  cause,
});

const describeErrors = (errors: t.Errors): string =>
  errors
    .slice(0, 3)
    .map((e) => e.context.map((c) => c.key).filter((key) => key !== '').join('.') || '(root)')
    .join(', ');

const parseJson = (text: string): E.Either<unknown, unknown> => E.tryCatch(() => JSON.parse(text) as unknown, (cause) => cause);

const fromAnswer =
  <A>(codec: t.Decoder<unknown, A>, nowMs: number) =>
  (raw: RawAnswer): E.Either<CoinGeckoError, A> => {
    if (raw.status === 429) {
      return E.left({
        _tag: 'UpstreamRateLimited',
        service: 'coingecko',
        retryAfterSeconds: parseRetryAfter(raw.retryAfter, nowMs) ?? DEFAULT_RETRY_AFTER_SECONDS,
      });
    }
    if (raw.status >= 500) return E.left({ _tag: 'UpstreamUnavailable', service: 'coingecko', reason: 'http_5xx', cause: { status: raw.status } });
    if (raw.status === 404) return E.left({ _tag: 'UpstreamNotFound', service: 'coingecko' });
    if (raw.status < 200 || raw.status >= 300) return E.left({ _tag: 'UpstreamBadResponse', service: 'coingecko', status: raw.status, cause: raw.text.slice(0, 300) });
    const badBody = (cause: unknown): CoinGeckoError => ({ _tag: 'UpstreamBadResponse', service: 'coingecko', status: raw.status, cause });
    return pipe(
      parseJson(raw.text),
      E.mapLeft(badBody),
      E.flatMap((json) => pipe(codec.decode(json), E.mapLeft((errors) => badBody(`body does not decode at ${describeErrors(errors)}`)))),
    );
  };

const outcomeOf = (result: E.Either<CoinGeckoError, unknown>): Outcome => {
  if (E.isRight(result)) return 'ok';
  const e = result.left;
  switch (e._tag) {
    case 'UpstreamRateLimited':
      return 'http_429';
    case 'UpstreamNotFound':
      return 'http_4xx';
    case 'UpstreamBadResponse':
      return e.status >= 400 ? 'http_4xx' : 'bad_body';
    case 'UpstreamUnavailable':
      return e.reason === 'timeout' ? 'timeout' : e.reason === 'network' ? 'network' : 'http_5xx';
  }
};

const describeCause = (e: CoinGeckoError): unknown => {
  if (!('cause' in e) || e.cause === undefined) return undefined;
  const { cause } = e;
  if (typeof cause === 'object' && cause !== null && 'message' in cause && typeof cause.message === 'string') {
    const inner = 'cause' in cause && typeof cause.cause === 'object' && cause.cause !== null && 'message' in cause.cause ? ` (${String(cause.cause.message)})` : '';
    return `${nameOf(cause) ?? 'Error'}: ${cause.message}${inner}`;
  }
  return cause;
};

/**
 * Builds the one way this process calls CoinGecko: the plan's key header, a timeout, one count in
 * `upstream_calls_total{service="coingecko"}` per call, and the failure classified into a tagged error.
 * The key travels only in its header; it is never logged.
 */
export const makeCoinGeckoGet = (deps: CoinGeckoHttpDeps): CoinGeckoGet => {
  const now = deps.now ?? Date.now;
  const baseUrl = deps.config.baseUrl.replace(/\/+$/, '');
  const headers: Record<string, string> = { accept: 'application/json' };
  if (deps.config.apiKey !== undefined) headers[deps.config.plan === 'pro' ? 'x-cg-pro-api-key' : 'x-cg-demo-api-key'] = deps.config.apiKey;

  return <A>(path: string, query: string, codec: t.Decoder<unknown, A>): TE.TaskEither<CoinGeckoError, A> =>
    async () => {
      const result = await pipe(
        TE.tryCatch(async (): Promise<RawAnswer> => {
          const response = await fetch(`${baseUrl}${path}?${query}`, { headers, signal: AbortSignal.timeout(deps.config.timeoutMs) });
          return { status: response.status, retryAfter: response.headers.get('retry-after'), text: await response.text() };
        }, fromThrown),
        TE.flatMapEither(fromAnswer(codec, now())),
      )();
      const outcome = outcomeOf(result);
      deps.metrics.upstreamCalls.inc({ service: 'coingecko', outcome });
      if (E.isLeft(result) && outcome !== 'http_4xx') {
        deps.logger.warn('coingecko call failed', { path, outcome, retryAfterSeconds: result.left._tag === 'UpstreamRateLimited' ? result.left.retryAfterSeconds : undefined, cause: describeCause(result.left) });
      } else if (E.isLeft(result) && result.left._tag === 'UpstreamBadResponse') {
        deps.logger.error('coingecko refused the call: check COINGECKO_PLAN and COINGECKO_API_KEY', { path, status: result.left.status, cause: describeCause(result.left) });
      }
      return result;
    };
};
