import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import {
  generateMarketChart,
  parseDays,
  sliceMarketChart,
  type ChartPoint,
  type MarketChart,
} from './coingecko-market-chart';
import { startLoopbackServer } from './start-loopback-server';
import { waitUnlessClosed } from './wait-unless-closed';

/** A coin by CoinGecko id (`sei-network`) or a token by asset platform + contract address. */
export type CoinGeckoRef = { readonly id: string } | { readonly platform: string; readonly address: string };

export interface FakeCoinGeckoPrice {
  /** CoinGecko coin id, served by /simple/price and /coins/{id}/market_chart. */
  readonly id?: string;
  /** Asset platform id (`sei-v2`) and contract address, served by /simple/token_price and the contract chart. */
  readonly platform?: string;
  readonly address?: string;
  readonly usd: number;
  /** `usd_24h_change`; 0 when omitted, `null` to reproduce CoinGecko's null for thin markets. */
  readonly change24h?: number | null;
  /** `last_updated_at` in unix seconds; defaults to `now()` at the time of `setPrice`. */
  readonly lastUpdatedAt?: number;
}

export interface FakeCoinGeckoChart {
  readonly id?: string;
  readonly platform?: string;
  readonly address?: string;
  readonly prices: ReadonlyArray<ChartPoint>;
  /** Defaults to price × 1e9 per point. */
  readonly marketCaps?: ReadonlyArray<ChartPoint>;
  /** Defaults to price × 5e6 per point. */
  readonly totalVolumes?: ReadonlyArray<ChartPoint>;
}

export type CoinGeckoFailureStatus = 429 | 500 | 503;

export interface CoinGeckoFailure {
  readonly status: CoinGeckoFailureStatus;
  /** Sent as `Retry-After`; 429 defaults to 60, other statuses send none unless given. */
  readonly retryAfterSeconds?: number;
}

export interface FakeCoinGeckoOptions {
  /** Prices present from the start and restored by `reset()`. */
  readonly prices?: ReadonlyArray<FakeCoinGeckoPrice>;
  /** Answer 401 like the keyed API when no `x-cg-demo-api-key` / `x-cg-pro-api-key` (header or query) is sent. */
  readonly requireKey?: boolean;
  /** When set, a key outside this list is answered 401 as invalid (implies `requireKey`). */
  readonly acceptedKeys?: ReadonlyArray<string>;
  /** Delay before every answer, in ms (also settable with `setDelayMs`). */
  readonly delayMs?: number;
  /** Clock in ms used for `last_updated_at` defaults and chart timestamps; defaults to `Date.now`. */
  readonly now?: () => number;
}

export interface RecordedCoinGeckoRequest {
  readonly method: string;
  /** Path relative to `/api/v3` (e.g. `/simple/price`); the full path when outside `/api/v3`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Arrival time, `Date.now()` ms. */
  readonly at: number;
  /** The demo or pro key the request carried (header first, then query parameter). */
  readonly apiKey: string | undefined;
  /** Status answered; undefined while the request is still being served or if the client left first. */
  readonly status: number | undefined;
}

export interface FakeCoinGecko {
  /** Base URL including `/api/v3`, e.g. `http://127.0.0.1:PORT/api/v3`. */
  readonly url: string;
  readonly port: number;
  readonly setPrice: (price: FakeCoinGeckoPrice) => void;
  readonly removePrice: (ref: CoinGeckoRef) => void;
  /** Replaces the generated market chart of a coin/token with exact points (filtered to the asked window). */
  readonly setMarketChart: (chart: FakeCoinGeckoChart) => void;
  /** The next `n` requests (any path) fail with this status; calls accumulate in order. */
  readonly failNext: (n: number, failure: CoinGeckoFailure) => void;
  /** Every request fails with this status until called with null. */
  readonly setFailing: (status: CoinGeckoFailureStatus | null, options?: { readonly retryAfterSeconds?: number }) => void;
  readonly setDelayMs: (ms: number) => void;
  /** Holds every answer (requests are still recorded as they arrive) until the returned function is called, or reset. */
  readonly holdAnswers: () => () => void;
  readonly requests: () => ReadonlyArray<RecordedCoinGeckoRequest>;
  /** Number of requests whose relative path starts with `pathPrefix` (all requests when omitted). */
  readonly requestCount: (pathPrefix?: string) => number;
  /** Highest number of requests being served at the same time since start/reset. */
  readonly maxConcurrency: () => number;
  /** Back to the options given at start: initial prices, no failures, initial delay, no recorded requests. */
  readonly reset: () => void;
  readonly stop: () => Promise<void>;
}

const BASE_PATH = '/api/v3';
const RATE_LIMIT_MESSAGE =
  "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to our API plans for higher rate limits.";
const SERVER_ERROR_MESSAGES: Record<CoinGeckoFailureStatus, string> = {
  429: RATE_LIMIT_MESSAGE,
  500: 'Internal Server Error',
  503: 'Service Unavailable. Please check https://status.coingecko.com',
};
const CIRCULATING_SUPPLY = 1_000_000_000;
const DAILY_VOLUME_UNITS = 5_000_000;

interface StoredPrice {
  readonly usd: number;
  readonly change24h: number | null;
  readonly lastUpdatedAt: number;
}

interface MutableRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  at: number;
  apiKey: string | undefined;
  status: number | undefined;
}

interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

const coinKey = (id: string): string => `id:${id.toLowerCase()}`;
const tokenKey = (platform: string, address: string): string =>
  `token:${platform.toLowerCase()}:${address.toLowerCase()}`;

const refKeys = (ref: { readonly id?: string; readonly platform?: string; readonly address?: string }): string[] => {
  const keys: string[] = [];
  if (ref.id !== undefined) keys.push(coinKey(ref.id));
  if (ref.platform !== undefined && ref.address !== undefined) keys.push(tokenKey(ref.platform, ref.address));
  if (keys.length === 0) throw new Error('fake CoinGecko: give an `id`, or a `platform` and an `address`');
  return keys;
};

const splitList = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

const headerValue = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

const apiKeyOf = (headers: IncomingHttpHeaders, query: Readonly<Record<string, string>>): string | undefined =>
  headerValue(headers, 'x-cg-pro-api-key') ??
  headerValue(headers, 'x-cg-demo-api-key') ??
  query['x_cg_pro_api_key'] ??
  query['x_cg_demo_api_key'];

const statusError = (status: number, errorCode: number, message: string, headers?: Record<string, string>): Answer => ({
  status,
  body: { status: { error_code: errorCode, error_message: message } },
  ...(headers === undefined ? {} : { headers }),
});

const failureAnswer = (failure: CoinGeckoFailure): Answer => {
  const retryAfter = failure.retryAfterSeconds ?? (failure.status === 429 ? 60 : undefined);
  return statusError(
    failure.status,
    failure.status,
    SERVER_ERROR_MESSAGES[failure.status],
    retryAfter === undefined ? undefined : { 'retry-after': String(retryAfter) },
  );
};

const missingParameter = (name: string): Answer => ({ status: 400, body: { error: `Missing parameter ${name}` } });

/**
 * Starts a fake CoinGecko API v3 on a random loopback port. Speaks `/ping`, `/simple/price`,
 * `/simple/token_price/{platform}`, `/coins/{id}/market_chart` and
 * `/coins/{platform}/contract/{address}/market_chart` with the real JSON shapes.
 */
export const startFakeCoinGecko = async (options: FakeCoinGeckoOptions = {}): Promise<FakeCoinGecko> => {
  const now = options.now ?? Date.now;
  const prices = new Map<string, StoredPrice>();
  const charts = new Map<string, MarketChart>();
  let failures: CoinGeckoFailure[] = [];
  let failing: CoinGeckoFailure | null = null;
  let delayMs = options.delayMs ?? 0;
  let records: MutableRecord[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  let held = Promise.resolve();
  let releaseHeld: () => void = () => undefined;

  const setPrice = (price: FakeCoinGeckoPrice): void => {
    const stored: StoredPrice = {
      usd: price.usd,
      change24h: price.change24h === undefined ? 0 : price.change24h,
      lastUpdatedAt: price.lastUpdatedAt ?? Math.floor(now() / 1000),
    };
    for (const key of refKeys(price)) prices.set(key, stored);
  };

  const loadInitialPrices = (): void => {
    prices.clear();
    charts.clear();
    for (const price of options.prices ?? []) setPrice(price);
  };
  loadInitialPrices();

  const simpleFields = (price: StoredPrice, query: Readonly<Record<string, string>>): Record<string, number | null> => {
    const fields: Record<string, number | null> = {};
    if (!splitList(query['vs_currencies']).some((currency) => currency.toLowerCase() === 'usd')) return fields;
    fields['usd'] = price.usd;
    if (query['include_market_cap'] === 'true') fields['usd_market_cap'] = price.usd * CIRCULATING_SUPPLY;
    if (query['include_24hr_vol'] === 'true') fields['usd_24h_vol'] = price.usd * DAILY_VOLUME_UNITS;
    if (query['include_24hr_change'] === 'true') fields['usd_24h_change'] = price.change24h;
    if (query['include_last_updated_at'] === 'true') fields['last_updated_at'] = price.lastUpdatedAt;
    return fields;
  };

  const simplePrice = (query: Readonly<Record<string, string>>): Answer => {
    if (query['vs_currencies'] === undefined) return missingParameter('vs_currencies');
    const ids = splitList(query['ids']);
    if (ids.length === 0) return missingParameter('ids');
    const body: Record<string, Record<string, number | null>> = {};
    for (const id of ids) {
      const price = prices.get(coinKey(id));
      if (price !== undefined) body[id.toLowerCase()] = simpleFields(price, query);
    }
    return { status: 200, body };
  };

  const tokenPrice = (platform: string, query: Readonly<Record<string, string>>): Answer => {
    if (query['vs_currencies'] === undefined) return missingParameter('vs_currencies');
    const addresses = splitList(query['contract_addresses']);
    if (addresses.length === 0) return missingParameter('contract_addresses');
    const body: Record<string, Record<string, number | null>> = {};
    for (const address of addresses) {
      const price = prices.get(tokenKey(platform, address));
      if (price !== undefined) body[address.toLowerCase()] = simpleFields(price, query);
    }
    return { status: 200, body };
  };

  const marketChart = (key: string, query: Readonly<Record<string, string>>): Answer => {
    if (query['vs_currency'] === undefined) return missingParameter('vs_currency');
    const days = parseDays(query['days']);
    if (days === undefined) return missingParameter('days');
    const price = prices.get(key);
    const scripted = charts.get(key);
    if (price === undefined && scripted === undefined) return { status: 404, body: { error: 'coin not found' } };
    if (query['vs_currency'].toLowerCase() !== 'usd') return { status: 400, body: { error: 'invalid vs_currency' } };
    const at = now();
    if (scripted !== undefined) return { status: 200, body: sliceMarketChart(scripted, at, days) };
    return {
      status: 200,
      body: generateMarketChart({
        currentPrice: price?.usd ?? 0,
        now: at,
        days,
        ...(query['interval'] === undefined ? {} : { interval: query['interval'] }),
      }),
    };
  };

  const route = (method: string, path: string, query: Readonly<Record<string, string>>): Answer => {
    if (method !== 'GET') return { status: 404, body: { error: 'Not Found' } };
    if (path === '/ping') return { status: 200, body: { gecko_says: '(V3) To the Moon!' } };
    if (path === '/simple/price') return simplePrice(query);
    const segments = path.split('/').filter((segment) => segment.length > 0).map(decodeURIComponent);
    const [first, second, third, fourth, fifth] = segments;
    if (first === 'simple' && second === 'token_price' && third !== undefined && segments.length === 3) {
      return tokenPrice(third, query);
    }
    if (first === 'coins' && second !== undefined && third === 'market_chart' && segments.length === 3) {
      return marketChart(coinKey(second), query);
    }
    if (
      first === 'coins' &&
      second !== undefined &&
      third === 'contract' &&
      fourth !== undefined &&
      fifth === 'market_chart' &&
      segments.length === 5
    ) {
      return marketChart(tokenKey(second, fourth), query);
    }
    return { status: 404, body: { error: 'Incorrect path. Please check https://www.coingecko.com/api/' } };
  };

  const keyProblem = (apiKey: string | undefined): Answer | undefined => {
    const mustHaveKey = options.requireKey === true || options.acceptedKeys !== undefined;
    if (apiKey === undefined) {
      return mustHaveKey ? statusError(401, 10002, 'API Key Missing') : undefined;
    }
    if (options.acceptedKeys !== undefined && !options.acceptedKeys.includes(apiKey)) {
      return statusError(401, 10002, 'Invalid API Key');
    }
    return undefined;
  };

  const nextFailure = (): CoinGeckoFailure | null => failures.shift() ?? failing;

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query: Record<string, string> = {};
    url.searchParams.forEach((value, name) => {
      query[name] = value;
    });
    const fullPath = url.pathname.length > 1 ? url.pathname.replace(/\/+$/, '') : url.pathname;
    const isInBase = fullPath === BASE_PATH || fullPath.startsWith(`${BASE_PATH}/`);
    const record: MutableRecord = {
      method: req.method ?? 'GET',
      path: isInBase ? fullPath.slice(BASE_PATH.length) || '/' : fullPath,
      query,
      headers: req.headers,
      at: Date.now(),
      apiKey: apiKeyOf(req.headers, query),
      status: undefined,
    };
    records.push(record);
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    res.once('close', () => {
      inFlight -= 1;
    });
    req.resume();

    if (!(await waitUnlessClosed(delayMs, res))) return;
    await held;
    if (res.destroyed) return;

    const failure = nextFailure();
    const answer: Answer =
      failure !== null
        ? failureAnswer(failure)
        : (keyProblem(record.apiKey) ??
          (isInBase
            ? route(record.method, record.path, query)
            : { status: 404, body: { error: 'Not Found' } }));

    record.status = answer.status;
    res.writeHead(answer.status, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'max-age=30, public',
      ...answer.headers,
    });
    res.end(JSON.stringify(answer.body));
  };

  const server = await startLoopbackServer(handle);
  const snapshot = (record: MutableRecord): RecordedCoinGeckoRequest => ({ ...record, query: { ...record.query } });

  return {
    url: `${server.origin}${BASE_PATH}`,
    port: server.port,
    setPrice,
    removePrice: (ref) => {
      for (const key of refKeys(ref)) {
        prices.delete(key);
        charts.delete(key);
      }
    },
    setMarketChart: (chart) => {
      const stored: MarketChart = {
        prices: chart.prices,
        market_caps: chart.marketCaps ?? chart.prices.map(([ts, price]): ChartPoint => [ts, price * CIRCULATING_SUPPLY]),
        total_volumes:
          chart.totalVolumes ?? chart.prices.map(([ts, price]): ChartPoint => [ts, price * DAILY_VOLUME_UNITS]),
      };
      for (const key of refKeys(chart)) charts.set(key, stored);
    },
    failNext: (n, failure) => {
      for (let i = 0; i < n; i += 1) failures.push(failure);
    },
    setFailing: (status, failingOptions) => {
      failing =
        status === null
          ? null
          : {
              status,
              ...(failingOptions?.retryAfterSeconds === undefined
                ? {}
                : { retryAfterSeconds: failingOptions.retryAfterSeconds }),
            };
    },
    setDelayMs: (ms) => {
      delayMs = ms;
    },
    holdAnswers: () => {
      releaseHeld();
      held = new Promise((resolve) => (releaseHeld = resolve));
      return releaseHeld;
    },
    requests: () => records.map(snapshot),
    requestCount: (pathPrefix) =>
      pathPrefix === undefined ? records.length : records.filter((record) => record.path.startsWith(pathPrefix)).length,
    maxConcurrency: () => maxInFlight,
    reset: () => {
      loadInitialPrices();
      failures = [];
      failing = null;
      delayMs = options.delayMs ?? 0;
      releaseHeld();
      records = [];
      maxInFlight = inFlight;
    },
    stop: server.stop,
  };
};
