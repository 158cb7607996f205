/**
 * What the cluster is listening for (subscribed wallets, price subscribers): every worker adds and removes its own
 * sockets' interests, and the one watcher lists the union.
 */
export interface InterestSet {
  /** One more local subscriber for `member`. */
  readonly add: (member: string) => void;
  /** One fewer local subscriber for `member`. */
  readonly remove: (member: string) => void;
  /** Members with at least one subscriber somewhere in the cluster (rejects when the shared store is unreachable). */
  readonly list: () => Promise<ReadonlyArray<string>>;
  /** Members with a subscriber in this process. */
  readonly local: () => ReadonlyArray<string>;
  readonly stop: () => void;
}

/** Local subscriber counts per member; the shared part of every InterestSet. */
export const makeLocalCounts = () => {
  const counts = new Map<string, number>();
  return {
    /** Returns true when `member` went from 0 to 1 subscriber. */
    add: (member: string): boolean => {
      const n = counts.get(member) ?? 0;
      counts.set(member, n + 1);
      return n === 0;
    },
    remove: (member: string): void => {
      const n = counts.get(member) ?? 0;
      if (n <= 1) counts.delete(member);
      else counts.set(member, n - 1);
    },
    members: (): ReadonlyArray<string> => [...counts.keys()],
  };
};

/** The interest set of a single process (no Redis): the local counts are the whole cluster. */
export const makeMemoryInterestSet = (): InterestSet => {
  const counts = makeLocalCounts();
  return {
    add: (member) => {
      counts.add(member);
    },
    remove: counts.remove,
    list: async () => counts.members(),
    local: counts.members,
    stop: () => undefined,
  };
};
