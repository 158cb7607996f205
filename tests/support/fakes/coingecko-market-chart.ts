export type ChartPoint = readonly [msTimestamp: number, value: number];

export interface MarketChart {
  readonly prices: ReadonlyArray<ChartPoint>;
  readonly market_caps: ReadonlyArray<ChartPoint>;
  readonly total_volumes: ReadonlyArray<ChartPoint>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
/** How far back `days=max` reaches in the generated series. */
const MAX_DAYS = 730;
/** Supply and volume factors used to derive market caps and volumes from the price. */
const CIRCULATING_SUPPLY = 1_000_000_000;
const DAILY_VOLUME_UNITS = 5_000_000;

/**
 * Parses CoinGecko's `days` query value: a positive number or `max`.
 * Returns undefined when the value is missing or not usable.
 */
export const parseDays = (raw: string | undefined): number | undefined => {
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'max') return MAX_DAYS;
  const days = Number(raw);
  return Number.isFinite(days) && days > 0 ? days : undefined;
};

// CoinGecko's automatic granularity: 5-minutely for 1 day, hourly up to 90 days, daily beyond
// (or daily whenever `interval=daily` is asked for).
const stepFor = (days: number, interval: string | undefined): number => {
  if (interval === 'daily' || days > 90) return DAY;
  if (days <= 1) return 5 * MINUTE;
  return HOUR;
};

/**
 * A deterministic series that ends at `now` with exactly `currentPrice` and swings ±3 % on a
 * one-week sine before that: the same inputs always give the same numbers.
 */
export const generateMarketChart = (args: {
  readonly currentPrice: number;
  readonly now: number;
  readonly days: number;
  readonly interval?: string;
}): MarketChart => {
  const { currentPrice, now, days } = args;
  const step = stepFor(days, args.interval);
  const start = now - days * DAY;
  const priceAt = (ts: number): number => currentPrice * (1 + 0.03 * Math.sin((2 * Math.PI * (now - ts)) / WEEK));
  const timestamps: number[] = [];
  for (let ts = Math.ceil(start / step) * step; ts < now; ts += step) timestamps.push(ts);
  timestamps.push(now);
  const prices = timestamps.map((ts): ChartPoint => [ts, ts === now ? currentPrice : priceAt(ts)]);
  return {
    prices,
    market_caps: prices.map(([ts, price]): ChartPoint => [ts, price * CIRCULATING_SUPPLY]),
    total_volumes: prices.map(([ts, price]): ChartPoint => [ts, price * DAILY_VOLUME_UNITS]),
  };
};

/** Keeps the points of a scripted chart that fall inside the asked window `[now - days, now]`. */
export const sliceMarketChart = (chart: MarketChart, now: number, days: number): MarketChart => {
  const from = now - days * DAY;
  const inWindow = (points: ReadonlyArray<ChartPoint>): ReadonlyArray<ChartPoint> =>
    points.filter(([ts]) => ts >= from && ts <= now);
  return {
    prices: inWindow(chart.prices),
    market_caps: inWindow(chart.market_caps),
    total_volumes: inWindow(chart.total_volumes),
  };
};
