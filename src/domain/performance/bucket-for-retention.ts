const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** Snapshots younger than this are all kept. */
export const RETENTION_RAW_MS = 7 * DAY_MS;
/** Snapshots between RETENTION_RAW_MS and this age keep one per UTC hour; older ones keep one per UTC day. */
export const RETENTION_HOURLY_MS = 90 * DAY_MS;

/** The minimum a retention decision needs to know about a stored snapshot. */
export type RetentionRow<Id> = { readonly id: Id; readonly timestamp: Date };

/** Which snapshot ids survive the retention policy and which may be deleted (both in input order). */
export type RetentionPlan<Id> = { readonly keep: ReadonlyArray<Id>; readonly drop: ReadonlyArray<Id> };

// Buckets are aligned to UTC hours and days, so every hour nests inside one day: the latest row of a day is also
// the latest of its hour, which keeps the policy stable as rows age from one tier into the next.
const bucketOf = (timestamp: Date, now: Date): string | null => {
  const time = timestamp.getTime();
  const age = now.getTime() - time;
  if (age <= RETENTION_RAW_MS) return null;
  if (age <= RETENTION_HOURLY_MS) return `h${Math.floor(time / HOUR_MS)}`;
  return `d${Math.floor(time / DAY_MS)}`;
};

/**
 * Retention policy as of `now`: every snapshot from the last 7 days, the latest per UTC hour from 7 to 90 days,
 * the latest per UTC day beyond 90 days (ties on timestamp: the row later in the input wins). Idempotent — applying
 * it to its own `keep` keeps everything — and applying it at a later `now` gives the same result as if the earlier
 * pass had never run.
 */
export const bucketForRetention = <Id>(rows: ReadonlyArray<RetentionRow<Id>>, now: Date): RetentionPlan<Id> => {
  const latestIndexByBucket = new Map<string, number>();
  rows.forEach((row, index) => {
    const bucket = bucketOf(row.timestamp, now);
    if (bucket === null) return;
    const current = latestIndexByBucket.get(bucket);
    const currentTime = current === undefined ? -Infinity : (rows[current] as RetentionRow<Id>).timestamp.getTime();
    if (row.timestamp.getTime() >= currentTime) latestIndexByBucket.set(bucket, index);
  });
  const winners = new Set(latestIndexByBucket.values());
  const keep: Id[] = [];
  const drop: Id[] = [];
  rows.forEach((row, index) => {
    if (bucketOf(row.timestamp, now) === null || winners.has(index)) keep.push(row.id);
    else drop.push(row.id);
  });
  return { keep, drop };
};
