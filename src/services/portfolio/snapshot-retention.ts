import * as E from 'fp-ts/Either';
import { bucketForRetention, RETENTION_RAW_MS } from '../../domain/performance';
import type { SnapshotsRepository } from './ports';
import type { Logger } from '../ports/logger';

/**
 * Downsamples stored snapshots: raw for 7 days, the last of each hour up to 90 days, the last of each day after.
 * Idempotent and safe to run from several workers at once (they delete the same rows). Returns how many were deleted.
 */
export const runSnapshotRetention = async (snapshots: SnapshotsRepository, now: Date): Promise<E.Either<unknown, number>> => {
  const old = await snapshots.olderThan(new Date(now.getTime() - RETENTION_RAW_MS))();
  if (E.isLeft(old)) return old;
  const groups = new Map<string, Array<{ id: string; timestamp: Date }>>();
  for (const row of old.right) groups.set(row.group, [...(groups.get(row.group) ?? []), { id: row.id, timestamp: row.takenAt }]);
  const drop = [...groups.values()].flatMap((rows) => bucketForRetention(rows, now).drop);
  return snapshots.deleteMany(drop)();
};

const HOUR_MS = 3600 * 1000;

/** Runs the retention hourly (first run a minute after start); `stop` cancels it. */
export const startSnapshotRetentionJob = (snapshots: SnapshotsRepository, logger: Logger): { readonly stop: () => void } => {
  const run = () =>
    void runSnapshotRetention(snapshots, new Date()).then((result) =>
      E.isLeft(result) ? logger.warn('snapshot retention failed', { cause: result.left }) : logger.info('snapshot retention done', { deleted: result.right }),
    );
  const first = setTimeout(run, 60_000);
  const every = setInterval(run, HOUR_MS);
  first.unref();
  every.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(every);
    },
  };
};
