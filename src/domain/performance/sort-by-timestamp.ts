/** A copy of the rows ordered by timestamp, oldest first; rows with equal timestamps keep their input order. */
export const sortByTimestamp = <T extends { readonly timestamp: Date }>(rows: ReadonlyArray<T>): ReadonlyArray<T> =>
  [...rows].sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
