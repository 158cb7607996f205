import { MemoryStore, type IncrementResponse, type Options, type Store } from 'express-rate-limit';

/**
 * A Redis-backed store that keeps limiting while Redis is down: each process counts in memory (so a client may get
 * the limit once per worker) until Redis is ready again. A primary that failed to initialise (Redis down at boot) is
 * initialised again once Redis is back.
 */
export const makeFailOpenStore = (primary: Store, isPrimaryUp: () => boolean): Store => {
  const memory = new MemoryStore();
  let options: Options | undefined;
  let primaryInit: Promise<void> | undefined;
  const initPrimary = (o: Options): Promise<void> => {
    const started = Promise.resolve(primary.init?.(o)).catch((cause: unknown) => {
      primaryInit = undefined;
      throw cause;
    });
    primaryInit = started;
    return started;
  };

  const increment = async (key: string): Promise<IncrementResponse> => {
    if (!isPrimaryUp() || options === undefined) return memory.increment(key);
    try {
      await (primaryInit ?? initPrimary(options));
      return await primary.increment(key);
    } catch {
      return memory.increment(key);
    }
  };

  return {
    localKeys: false,
    ...(primary.prefix === undefined ? {} : { prefix: primary.prefix }),
    init: (o) => {
      options = o;
      memory.init(o);
      void initPrimary(o).catch(() => undefined);
    },
    increment,
    decrement: async (key) => {
      if (isPrimaryUp()) await primary.decrement(key);
      else await memory.decrement(key);
    },
    resetKey: async (key) => {
      await memory.resetKey(key);
      if (isPrimaryUp()) await primary.resetKey(key);
    },
    shutdown: async () => {
      memory.shutdown();
      await primary.shutdown?.();
    },
  };
};
