/** Local subscriber counts per member: the part of every InterestSet that lives in this process. */
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
