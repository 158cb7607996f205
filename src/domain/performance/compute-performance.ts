import { annualisedVolatility } from './annualised-volatility';
import { maxDrawdown } from './max-drawdown';
import { priceEffect } from './price-effect';
import type { SnapshotPoint } from './snapshot-point';
import { sortByTimestamp } from './sort-by-timestamp';

/** Market PnL attributed to one holding over the whole series. */
export type AssetPerformance = {
  readonly key: string;
  readonly symbol: string;
  readonly pnlUSD: number;
  /** pnlUSD / startValueUSD (0 when the series starts at 0). */
  readonly contribution: number;
};

/** What happened between two consecutive snapshots. */
export type PerformanceInterval = {
  readonly from: Date;
  readonly to: Date;
  readonly startValueUSD: number;
  readonly endValueUSD: number;
  readonly marketPnlUSD: number;
  /** Value change not explained by prices: deposits, withdrawals, new or closed positions, unpriced holdings. */
  readonly netFlowsUSD: number;
  /** marketPnlUSD / startValueUSD, or null when the interval starts at value 0 and is left out of the returns. */
  readonly marketReturn: number | null;
  /** Time-weighted return from the first snapshot up to `to`. */
  readonly cumulativeReturn: number;
};

/** Performance of a snapshot series; every ratio is a fraction (0.05 = 5%). */
export type Performance = {
  readonly startValueUSD: number;
  readonly endValueUSD: number;
  readonly netFlowsUSD: number;
  readonly marketPnlUSD: number;
  readonly timeWeightedReturn: number;
  readonly maxDrawdown: number;
  /** Annualised standard deviation of the interval returns. */
  readonly volatility: number;
  /** Sorted by |pnlUSD|, largest first. */
  readonly byAsset: ReadonlyArray<AssetPerformance>;
  readonly intervals: ReadonlyArray<PerformanceInterval>;
};

const EMPTY_PERFORMANCE: Performance = {
  startValueUSD: 0,
  endValueUSD: 0,
  netFlowsUSD: 0,
  marketPnlUSD: 0,
  timeWeightedReturn: 0,
  maxDrawdown: 0,
  volatility: 0,
  byAsset: [],
  intervals: [],
};

/**
 * Splits the value change of a snapshot series into market PnL (price moves on the quantities held at the start of
 * each interval) and net flows (everything else), and chains the interval returns into a time-weighted return,
 * its max drawdown and annualised volatility. Values are totalValueUSD. No point → all zeros; one point → start and end
 * value are that point's value and every change is zero.
 */
export const computePerformance = (points: ReadonlyArray<SnapshotPoint>): Performance => {
  const series = sortByTimestamp(points);
  const first = series[0];
  const last = series[series.length - 1];
  if (first === undefined || last === undefined) return EMPTY_PERFORMANCE;
  if (series.length < 2) return { ...EMPTY_PERFORMANCE, startValueUSD: first.totalValueUSD, endValueUSD: first.totalValueUSD };

  const intervals: PerformanceInterval[] = [];
  const returns: number[] = [];
  const pnlByKey = new Map<string, { symbol: string; pnlUSD: number }>();
  let growth = 1;
  let returnSeconds = 0;

  for (let i = 1; i < series.length; i++) {
    const before = series[i - 1] as SnapshotPoint;
    const after = series[i] as SnapshotPoint;
    const effects = priceEffect(before, after);
    let marketPnlUSD = 0;
    for (const effect of effects) {
      marketPnlUSD += effect.pnlUSD;
      const total = pnlByKey.get(effect.key);
      pnlByKey.set(effect.key, { symbol: effect.symbol, pnlUSD: (total?.pnlUSD ?? 0) + effect.pnlUSD });
    }
    const startValueUSD = before.totalValueUSD;
    const marketReturn = startValueUSD !== 0 ? marketPnlUSD / startValueUSD : null;
    if (marketReturn !== null) {
      returns.push(marketReturn);
      growth *= 1 + marketReturn;
      returnSeconds += (after.timestamp.getTime() - before.timestamp.getTime()) / 1000;
    }
    intervals.push({
      from: before.timestamp,
      to: after.timestamp,
      startValueUSD,
      endValueUSD: after.totalValueUSD,
      marketPnlUSD,
      netFlowsUSD: after.totalValueUSD - startValueUSD - marketPnlUSD,
      marketReturn,
      cumulativeReturn: growth - 1,
    });
  }

  const startValueUSD = first.totalValueUSD;
  const endValueUSD = last.totalValueUSD;
  const marketPnlUSD = intervals.reduce((sum, interval) => sum + interval.marketPnlUSD, 0);
  const byAsset = [...pnlByKey.entries()]
    .map(([key, { symbol, pnlUSD }]) => ({
      key,
      symbol,
      pnlUSD,
      contribution: startValueUSD !== 0 ? pnlUSD / startValueUSD : 0,
    }))
    .sort((a, b) => Math.abs(b.pnlUSD) - Math.abs(a.pnlUSD) || a.key.localeCompare(b.key));

  return {
    startValueUSD,
    endValueUSD,
    netFlowsUSD: endValueUSD - startValueUSD - marketPnlUSD,
    marketPnlUSD,
    timeWeightedReturn: growth - 1,
    maxDrawdown: maxDrawdown(returns),
    volatility: annualisedVolatility(returns, returns.length > 0 ? returnSeconds / returns.length : 0),
    byAsset,
    intervals,
  };
};
