/** The raw string store under a cache: Redis or an in-process LRU. Failures reject. */
export interface RawStore {
  readonly kind: 'redis' | 'memory';
  readonly get: (key: string) => Promise<string | null>;
  /** The value with the milliseconds it has left, in one round trip (stores shared between processes). */
  readonly getWithTtl?: (key: string) => Promise<{ readonly text: string; readonly ttlMs: number } | null>;
  readonly set: (key: string, value: string, ttlSeconds: number) => Promise<void>;
  readonly delete: (key: string) => Promise<void>;
  readonly isUp: () => boolean;
  readonly ping: () => Promise<boolean>;
  readonly size?: () => number;
}
