import type { LeaseStore } from '../../services/watcher/ports';

/** Leases in this process only: without Redis there is one process, and it leads. */
export const makeMemoryLeaseStore = (now: () => number = Date.now): LeaseStore => {
  const leases = new Map<string, { owner: string; until: number }>();
  const holder = (name: string) => {
    const lease = leases.get(name);
    return lease !== undefined && lease.until > now() ? lease.owner : undefined;
  };
  return {
    acquire: async (name, owner, ttlMs) => {
      const current = holder(name);
      if (current !== undefined && current !== owner) return false;
      leases.set(name, { owner, until: now() + ttlMs });
      return true;
    },
    renew: async (name, owner, ttlMs) => {
      if (holder(name) !== owner) return false;
      leases.set(name, { owner, until: now() + ttlMs });
      return true;
    },
    release: async (name, owner) => {
      if (holder(name) === owner) leases.delete(name);
    },
  };
};
