import * as E from 'fp-ts/Either';
import { checkLater, nextTrackingStep } from '../../../domain/tx/track/next-tracking-step';
import type { TrackedTransaction, TxObservation } from '../../../domain/tx/track/tracked-transaction';
import type { TxHash } from '../../../domain/address/tx-hash';
import { startLeaderElection } from '../../watcher/leader-election';
import type { LeaseStore } from '../../watcher/ports';
import { repeatEvery, type Repeating } from '../../watcher/repeat-every';
import { announceFinalStatus } from './announce-final-status';
import type { TrackingDeps } from './tracking-deps';

/** Due transactions checked per round: two JSON-RPC calls each, one HTTP batch (the client batches up to 200 calls). */
export const FOLLOW_BATCH = 100;

export interface TxFollowerDeps extends TrackingDeps {
  readonly leases: LeaseStore;
  readonly leaseTtlMs: number;
  /** Told after each completed round (background_loop_runs_total{loop="tx_follow"}). */
  readonly onRound?: () => void;
}

/** The pending set as the worker that follows last saw it (zeros on the others). */
export interface FollowerReading {
  readonly pending: number;
  readonly oldestPendingAgeSeconds: number;
}

export interface TxFollower {
  readonly isLeader: () => boolean;
  readonly reading: () => FollowerReading;
  /** Steps down (another worker takes over at once) and waits for the round and announcements in progress. */
  readonly stop: () => Promise<void>;
}

const STOP_GRACE_MS = 1000;

const observeAll = async (deps: TxFollowerDeps, due: ReadonlyArray<TrackedTransaction>): Promise<ReadonlyMap<TxHash, TxObservation> | undefined> => {
  const observed = await deps.observer.observe([...new Set(due.map((row) => row.hash))])();
  if (E.isRight(observed)) return observed.right;
  deps.logger.warn('tracked transactions not checked: the node could not be asked', { cause: observed.left });
  return undefined;
};

/**
 * One round: the due pending transactions looked up in one request, each moved to its next state; a final status
 * is announced by the one round whose update moved it (so twice-run rounds never push twice).
 */
export const followRound = async (deps: TxFollowerDeps, announcing: Set<Promise<void>>): Promise<void> => {
  const now = deps.now();
  const due = await deps.store.due(now, FOLLOW_BATCH)();
  if (E.isLeft(due)) throw new Error('tracked transactions unreadable', { cause: due.left });
  if (due.right.length === 0) return;
  const observed = await observeAll(deps, due.right);
  for (const row of due.right) {
    const seen = observed?.get(row.hash);
    const step = observed === undefined ? checkLater(row, now, deps.settings) : nextTrackingStep(row, seen ?? { kind: 'unknown' }, now, deps.settings, deps.known);
    const written =
      step.kind === 'not_owner'
        ? await deps.store.remove(row.wallet, row.hash)()
        : step.kind === 'wait'
          ? await deps.store.reschedule(row.wallet, row.hash, step, now)()
          : await deps.store.finish(row.wallet, row.hash, step, now)();
    // Not written: the row stays as it was and the next round looks again.
    if (E.isLeft(written)) deps.logger.warn('tracked transaction not updated', { hash: row.hash, cause: written.left });
    else if (step.kind === 'final' && written.right === true) {
      const announced = announceFinalStatus(deps, row.wallet, row.hash, step).finally(() => announcing.delete(announced));
      announcing.add(announced);
    }
  }
};

/**
 * The cluster's one follower of tracked transactions: campaigns for the `tx-follower` lease and, while leader, runs a
 * round every TX_POLL_INTERVAL_MS (rows themselves back off up to TX_POLL_MAX_INTERVAL_MS); the pending set lives in
 * Postgres, so a restart or another worker carries on where the last leader stopped.
 */
export const startTxFollower = (deps: TxFollowerDeps): TxFollower => {
  let loop: Repeating | undefined;
  let reading: FollowerReading = { pending: 0, oldestPendingAgeSeconds: 0 };
  const announcing = new Set<Promise<void>>();
  const round = async (): Promise<void> => {
    try {
      await followRound(deps, announcing);
      const summary = await deps.store.pendingSummary()();
      if (E.isRight(summary)) {
        const oldest = summary.right.oldestCreatedAt;
        reading = { pending: summary.right.pending, oldestPendingAgeSeconds: oldest === null ? 0 : Math.max(0, (deps.now().getTime() - oldest.getTime()) / 1000) };
      }
    } catch (cause) {
      deps.logger.warn('tracked transactions round failed', { cause });
    } finally {
      deps.onRound?.();
    }
  };
  const election = startLeaderElection({
    store: deps.leases,
    name: 'tx-follower',
    ttlMs: deps.leaseTtlMs,
    logger: deps.logger,
    onElected: () => {
      loop = repeatEvery(deps.settings.pollIntervalMs, round);
    },
    onDeposed: async () => {
      const stopping = loop;
      loop = undefined;
      reading = { pending: 0, oldestPendingAgeSeconds: 0 };
      await Promise.race([Promise.all([stopping?.stop(), ...announcing]), new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
    },
  });
  return { isLeader: election.isLeader, reading: () => reading, stop: election.stop };
};
