/** Coalesces concurrent calls with the same key into one in-flight promise. */
export interface SingleFlight {
  readonly run: <A>(key: string, fn: () => Promise<A>) => Promise<A>;
  readonly inFlight: () => number;
}

export const makeSingleFlight = (): SingleFlight => {
  const pending = new Map<string, Promise<unknown>>();
  return {
    run: <A>(key: string, fn: () => Promise<A>): Promise<A> => {
      const existing = pending.get(key);
      if (existing !== undefined) return existing as Promise<A>;
      const p = fn().finally(() => pending.delete(key));
      pending.set(key, p);
      return p;
    },
    inFlight: () => pending.size,
  };
};
