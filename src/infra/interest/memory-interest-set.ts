import type { InterestSet } from '../../services/watcher/ports';
import { makeLocalCounts } from './local-counts';

/** The interest set of a single process (no Redis): the local counts are the whole cluster. */
export const makeMemoryInterestSet = (): InterestSet => {
  const counts = makeLocalCounts();
  return {
    add: (member) => {
      counts.add(member);
    },
    remove: counts.remove,
    list: () => Promise.resolve(counts.members()),
    local: counts.members,
    stop: () => undefined,
  };
};
