export { annualisedVolatility, YEAR_SECONDS } from './annualised-volatility';
export {
  bucketForRetention,
  RETENTION_HOURLY_MS,
  RETENTION_RAW_MS,
  type RetentionPlan,
  type RetentionRow,
} from './bucket-for-retention';
export {
  computePerformance,
  type AssetPerformance,
  type Performance,
  type PerformanceInterval,
} from './compute-performance';
export { downsampleSeries } from './downsample-series';
export { maxDrawdown } from './max-drawdown';
export { priceEffect, type AssetPriceEffect } from './price-effect';
export type { HoldingPoint, SnapshotPoint } from './snapshot-point';
export { sortByTimestamp } from './sort-by-timestamp';
