import * as t from 'io-ts';
import * as TE from 'fp-ts/TaskEither';
import { pipe } from 'fp-ts/function';
import type { AppError } from '../../domain/app-error';
import type { WalletAddress } from '../../domain/address/wallet-address';
import { computePerformance, downsampleSeries, type Performance } from '../../domain/performance';
import type { SnapshotRow, SnapshotsRepository } from './ports';
import type { ChainId } from '../../domain/address/chain-id';

export const HistoryRangeCodec = t.keyof({ '1d': null, '7d': null, '30d': null, '90d': null, '1y': null, all: null });
export type HistoryRange = t.TypeOf<typeof HistoryRangeCodec>;

const DAY_MS = 24 * 3600 * 1000;
const RANGE_MS: Record<HistoryRange, number> = { '1d': DAY_MS, '7d': 7 * DAY_MS, '30d': 30 * DAY_MS, '90d': 90 * DAY_MS, '1y': 365 * DAY_MS, all: Number.POSITIVE_INFINITY };

/** A wallet's stored value over time: the series and the performance computed from it. */
export interface PortfolioHistoryService {
  /** The stored snapshot series over `range`, downsampled to at most 200 points. */
  readonly getHistory: (wallet: WalletAddress, range: HistoryRange) => TE.TaskEither<AppError, PortfolioHistory>;
  /** Time-weighted return, market PnL versus net flows, drawdown, volatility and per-asset attribution over `range`. */
  readonly getPerformance: (wallet: WalletAddress, range: HistoryRange) => TE.TaskEither<AppError, PortfolioPerformance>;
}

export interface HistoryDeps {
  readonly snapshots: SnapshotsRepository;
  readonly chainId: ChainId;
  readonly now: () => Date;
}

const rowsIn = (deps: HistoryDeps, wallet: WalletAddress, range: HistoryRange): TE.TaskEither<AppError, ReadonlyArray<SnapshotRow>> => {
  const to = deps.now();
  const from = Number.isFinite(RANGE_MS[range]) ? new Date(to.getTime() - RANGE_MS[range]) : new Date(0);
  return deps.snapshots.range(wallet, deps.chainId, from, to);
};

const toPoint = (r: SnapshotRow) => ({ timestamp: r.takenAt, totalValueUSD: r.totalValueUSD, netWorthUSD: r.netWorthUSD, holdings: r.holdings });

export interface HistoryPoint {
  readonly timestamp: string;
  readonly totalValueUSD: number;
  readonly netWorthUSD: number;
}

export interface PortfolioHistory {
  readonly range: HistoryRange;
  readonly points: ReadonlyArray<HistoryPoint>;
}

export type PortfolioPerformance = Omit<Performance, 'intervals'> & { readonly range: HistoryRange };

const getHistory =
  (deps: HistoryDeps) =>
  (wallet: WalletAddress, range: HistoryRange): TE.TaskEither<AppError, PortfolioHistory> =>
    pipe(
      rowsIn(deps, wallet, range),
      TE.map((rows) => ({
        range,
        points: downsampleSeries(rows.map(toPoint), 200).map((p) => ({
          timestamp: p.timestamp.toISOString(),
          totalValueUSD: p.totalValueUSD,
          netWorthUSD: p.netWorthUSD,
        })),
      })),
    );

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

const getPerformance =
  (deps: HistoryDeps) =>
  (wallet: WalletAddress, range: HistoryRange): TE.TaskEither<AppError, PortfolioPerformance> =>
    pipe(
      rowsIn(deps, wallet, range),
      TE.map((rows) => {
        const { intervals: _intervals, ...performance } = computePerformance(rows.map(toPoint));
        return {
          range,
          ...performance,
          startValueUSD: round(performance.startValueUSD, 2),
          endValueUSD: round(performance.endValueUSD, 2),
          netFlowsUSD: round(performance.netFlowsUSD, 2),
          marketPnlUSD: round(performance.marketPnlUSD, 2),
          byAsset: performance.byAsset.map((a) => ({ ...a, pnlUSD: round(a.pnlUSD, 2) })),
        };
      }),
    );

export const makePortfolioHistoryService = (deps: HistoryDeps): PortfolioHistoryService => ({
  getHistory: getHistory(deps),
  getPerformance: getPerformance(deps),
});
