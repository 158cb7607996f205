import type * as E from 'fp-ts/Either';

export type BatchResults<Err, V> = ReadonlyMap<string, E.Either<Err, V>>;

/** Loads keyed items in batches, sharing loads that are already under way. */
export interface InFlightBatches<I, Err, V> {
  /**
   * Keys already being loaded join that load; the others go out together as one new batch.
   * Resolves with the result of every key the batches answered.
   */
  readonly load: (entries: ReadonlyArray<readonly [key: string, item: I]>) => Promise<BatchResults<Err, V>>;
  readonly inFlight: () => number;
}

/**
 * Coalesces concurrent loads per key within the process: 100 callers asking for the same missing
 * keys at once cause one `fetchBatch`. A key leaves the in-flight set only once `fetchBatch` has
 * settled, so a batch that writes its results to a cache before resolving leaves no gap in which a
 * late caller would miss both the cache and the flight.
 */
export const makeInFlightBatches = <I, Err, V>(
  fetchBatch: (entries: ReadonlyArray<readonly [key: string, item: I]>) => Promise<BatchResults<Err, V>>,
): InFlightBatches<I, Err, V> => {
  const pending = new Map<string, Promise<BatchResults<Err, V>>>();

  const load = async (entries: ReadonlyArray<readonly [string, I]>): Promise<BatchResults<Err, V>> => {
    const unique = new Map(entries);
    const missing = [...unique].filter(([key]) => !pending.has(key));
    if (missing.length > 0) {
      const batch: Promise<BatchResults<Err, V>> = fetchBatch(missing).finally(() => {
        for (const [key] of missing) if (pending.get(key) === batch) pending.delete(key);
      });
      for (const [key] of missing) pending.set(key, batch);
    }
    const waits = [...unique.keys()].map((key) => [key, pending.get(key)] as const);
    const results = new Map<string, E.Either<Err, V>>();
    for (const [key, batch] of waits) {
      const answered = (await batch)?.get(key);
      if (answered !== undefined) results.set(key, answered);
    }
    return results;
  };

  return { load, inFlight: () => pending.size };
};
