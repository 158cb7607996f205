/** The raw string store under a cache: Redis or an in-process LRU. Failures reject. */
export interface RawStore {
  readonly kind: 'redis' | 'memory';
  readonly get: (key: string) => Promise<string | null>;
  readonly set: (key: string, value: string, ttlSeconds: number) => Promise<void>;
  readonly delete: (key: string) => Promise<void>;
  readonly isUp: () => boolean;
  readonly ping: () => Promise<boolean>;
  readonly size?: () => number;
}
