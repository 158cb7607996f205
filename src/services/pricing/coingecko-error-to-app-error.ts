import type { AppError } from '../../domain/app-error';
import { retryAfterOf, type CoinGeckoError } from './coingecko-api';

/**
 * A CoinGecko failure as the app reports it: 503 unreachable (rate limits and open circuits too, with the Retry-After
 * CoinGecko or the circuit gave), 502 bad answer, 404 unknown `resource`.
 */
export const coinGeckoErrorToAppError = (e: CoinGeckoError, resource: string): AppError => {
  const retryAfterSeconds = retryAfterOf(e);
  const retry = retryAfterSeconds === undefined ? {} : { retryAfterSeconds };
  switch (e._tag) {
    case 'UpstreamUnavailable':
      return { _tag: 'UpstreamUnavailable', service: 'CoinGecko', cause: e.cause ?? e.reason, ...retry };
    case 'UpstreamRateLimited':
      return { _tag: 'UpstreamUnavailable', service: 'CoinGecko', cause: 'rate limited', ...retry };
    case 'UpstreamBadResponse':
      return { _tag: 'UpstreamBadResponse', service: 'CoinGecko', cause: e.cause };
    case 'UpstreamNotFound':
      return { _tag: 'NotFound', resource };
  }
};
