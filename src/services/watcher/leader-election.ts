import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Logger } from '../ports/logger';
import type { LeaseStore } from './ports';

export interface LeaderElectionOptions {
  readonly store: LeaseStore;
  /** The lease's name: one leader per name in the cluster. */
  readonly name: string;
  /** Lease length. Renewed every ttl/3; a dead leader is replaced at most ttl + ttl/3 after its last renewal. */
  readonly ttlMs: number;
  /** Runs when this process becomes leader. */
  readonly onElected: () => void;
  /** Runs when it stops being leader (lease lost, store unreachable too long, or stop()). */
  readonly onDeposed: () => void | Promise<void>;
  readonly logger: Logger;
  readonly now?: () => number;
}

export interface LeaderElection {
  readonly isLeader: () => boolean;
  /** This candidate's owner id, as stored in the lease. */
  readonly owner: string;
  /** Stops campaigning; a leader steps down and releases the lease so another takes over at its next attempt. */
  readonly stop: () => Promise<void>;
}

/**
 * Campaigns for a lease forever: acquire when free, renew every ttl/3 while held. A leader that cannot reach the
 * store steps down once 2/3 of the lease has passed since its last renewal, before anyone else can take it over,
 * so two leaders never overlap while clocks agree.
 */
export const startLeaderElection = (options: LeaderElectionOptions): LeaderElection => {
  const now = options.now ?? Date.now;
  const owner = `${hostname()}:${process.pid}:${randomBytes(6).toString('hex')}`;
  const period = Math.max(10, Math.floor(options.ttlMs / 3));
  let leader = false;
  let lastRenewedAt = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const stepDown = async (why: string): Promise<void> => {
    if (!leader) return;
    leader = false;
    options.logger.info('stepping down as leader', { lease: options.name, why });
    await options.onDeposed();
  };

  const attempt = async (): Promise<void> => {
    try {
      if (!leader) {
        if (await options.store.acquire(options.name, owner, options.ttlMs)) {
          leader = true;
          lastRenewedAt = now();
          options.logger.info('elected leader', { lease: options.name, owner });
          options.onElected();
        }
        return;
      }
      if (await options.store.renew(options.name, owner, options.ttlMs)) lastRenewedAt = now();
      else await stepDown('lease lost');
    } catch (cause) {
      if (leader && now() - lastRenewedAt >= (options.ttlMs * 2) / 3) await stepDown('lease store unreachable');
      else if (!leader) options.logger.debug('leader lease store unreachable', { lease: options.name, cause });
    }
  };

  const schedule = (delayMs: number): void => {
    timer = setTimeout(() => {
      running = attempt().finally(() => {
        if (!stopped) schedule(period);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(0);

  return {
    isLeader: () => leader,
    owner,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
      const wasLeader = leader;
      await stepDown('stopping');
      if (wasLeader) await options.store.release(options.name, owner).catch(() => undefined);
    },
  };
};
