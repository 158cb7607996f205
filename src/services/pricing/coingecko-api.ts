import type * as TE from 'fp-ts/TaskEither';

/** One USD quote as CoinGecko gives it. */
export interface CoinQuote {
  readonly usd: number;
  /** Percent over 24h; null when CoinGecko does not say (thin markets). */
  readonly change24h: number | null;
  /** Unix seconds of CoinGecko's last update; null when absent. */
  readonly lastUpdatedAt: number | null;
}

/** What a market chart is asked for: a coin by id, or a token by asset platform and contract address. */
export type ChartTarget = { readonly kind: 'coin'; readonly id: string } | { readonly kind: 'contract'; readonly platform: string; readonly address: string };

export interface ChartPoint {
  readonly timestampMs: number;
  readonly usd: number;
}

/**
 * Why a CoinGecko call failed. `UpstreamRateLimited` carries the Retry-After CoinGecko sent;
 * `circuit_open` means no request was made because an earlier failure opened the circuit.
 */
export type CoinGeckoError =
  | {
      readonly _tag: 'UpstreamUnavailable';
      readonly service: 'coingecko';
      readonly reason: 'timeout' | 'network' | 'http_5xx' | 'circuit_open';
      readonly retryAfterSeconds?: number;
      readonly cause?: unknown;
    }
  | { readonly _tag: 'UpstreamRateLimited'; readonly service: 'coingecko'; readonly retryAfterSeconds: number }
  | { readonly _tag: 'UpstreamBadResponse'; readonly service: 'coingecko'; readonly status: number; readonly cause?: unknown }
  | { readonly _tag: 'UpstreamNotFound'; readonly service: 'coingecko' };

/**
 * The CoinGecko capability the pricing service needs. Price maps are keyed by lower-case
 * contract address or lower-case coin id; anything CoinGecko does not know is simply absent.
 */
export interface CoinGeckoApi {
  readonly tokenPrices: (platform: string, addresses: ReadonlyArray<string>) => TE.TaskEither<CoinGeckoError, ReadonlyMap<string, CoinQuote>>;
  readonly coinPrices: (ids: ReadonlyArray<string>) => TE.TaskEither<CoinGeckoError, ReadonlyMap<string, CoinQuote>>;
  readonly marketChart: (target: ChartTarget, days: number) => TE.TaskEither<CoinGeckoError, ReadonlyArray<ChartPoint>>;
}

/** Seconds to wait before asking again, when the error says so. */
export const retryAfterOf = (e: CoinGeckoError): number | undefined =>
  e._tag === 'UpstreamRateLimited' ? e.retryAfterSeconds : e._tag === 'UpstreamUnavailable' ? e.retryAfterSeconds : undefined;
