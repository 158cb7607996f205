import type { TokenUsageCounter } from '../../services/ai/ports';

const MAX_KEYS = 100_000;

/** Token counts in this process. Past `maxKeys`, the keys whose time has passed are dropped. */
export const makeMemoryTokenCounter = (now: () => Date, maxKeys = MAX_KEYS): TokenUsageCounter => {
  const counts = new Map<string, { readonly tokens: number; readonly expireAt: number }>();
  const dropExpired = (): void => {
    const at = now().getTime();
    for (const [key, entry] of counts) if (entry.expireAt <= at) counts.delete(key);
  };
  return {
    read: (key) => Promise.resolve(counts.get(key)?.tokens ?? 0),
    add: (key, tokens, expireAt) => {
      if (counts.size > maxKeys) dropExpired();
      counts.set(key, { tokens: (counts.get(key)?.tokens ?? 0) + tokens, expireAt: expireAt.getTime() });
      return Promise.resolve();
    },
  };
};
