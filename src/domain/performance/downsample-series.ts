import { sortByTimestamp } from './sort-by-timestamp';

/**
 * At most `maxPoints` points of a time series for charting: always the first and the last point, and in between
 * the last point of each of (maxPoints − 2) equal-width time buckets that has any. Series already short enough
 * are returned whole (sorted). maxPoints below 2 is treated as 2.
 */
export const downsampleSeries = <T extends { readonly timestamp: Date }>(
  points: ReadonlyArray<T>,
  maxPoints = 200,
): ReadonlyArray<T> => {
  const sorted = sortByTimestamp(points);
  const limit = Math.max(2, Math.floor(maxPoints));
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (sorted.length <= limit || first === undefined || last === undefined) return sorted;

  const start = first.timestamp.getTime();
  const span = last.timestamp.getTime() - start;
  const bucketCount = limit - 2;
  if (span <= 0 || bucketCount === 0) return [first, last];

  // Interior points are visited in time order, so the last one written to a bucket is that bucket's latest.
  const latestInBucket = new Map<number, T>();
  for (const point of sorted.slice(1, -1)) {
    const position = (point.timestamp.getTime() - start) / span;
    const bucket = Math.min(bucketCount - 1, Math.floor(position * bucketCount));
    latestInBucket.set(bucket, point);
  }
  const interior = [...latestInBucket.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
  return [first, ...interior, last];
};
