import type { LeaseStore } from '../../services/watcher/ports';

/** Leases in this process only: without Redis there is one process, and it leads. */
export const makeMemoryLeaseStore = (now: () => number = Date.now): LeaseStore => {
  const leases = new Map<string, { owner: string; until: number }>();
  const holder = (name: string) => {
    const lease = leases.get(name);
    return lease !== undefined && lease.until > now() ? lease.owner : undefined;
  };
  const acquire = (name: string, owner: string, ttlMs: number): boolean => {
    const current = holder(name);
    if (current !== undefined && current !== owner) return false;
    leases.set(name, { owner, until: now() + ttlMs });
    return true;
  };
  const renew = (name: string, owner: string, ttlMs: number): boolean => {
    if (holder(name) !== owner) return false;
    leases.set(name, { owner, until: now() + ttlMs });
    return true;
  };
  return {
    acquire: (name, owner, ttlMs) => Promise.resolve(acquire(name, owner, ttlMs)),
    renew: (name, owner, ttlMs) => Promise.resolve(renew(name, owner, ttlMs)),
    release: (name, owner) => {
      if (holder(name) === owner) leases.delete(name);
      return Promise.resolve();
    },
  };
};
