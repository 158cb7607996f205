import { LRUCache } from 'lru-cache';
import type { InvalidationBus } from './invalidation-bus';

export interface L1Options {
  /** Key spaces (first key segment, e.g. `portfolio`) kept in process memory too. */
  readonly keyspaces: ReadonlyArray<string>;
  readonly maxEntries: number;
  /** And at most this much cached JSON text (a copy's decoded object and its encoded answer weigh a few times more). */
  readonly maxTextBytes: number;
  readonly bus: InvalidationBus;
  readonly nowMs?: () => number;
}

interface Copy {
  readonly value: unknown;
  readonly codec: unknown;
  readonly expiresAt: number;
}

/**
 * Decoded copies of hot shared-cache entries in this process (the L1 in front of Redis): each lives as long as its
 * Redis entry had left when it was read, is dropped when any worker changes the key (the bus), and is not used at
 * all while this worker could miss such a message. A read that raced an invalidation is not kept.
 */
export interface L1Copies {
  readonly holds: (key: string) => boolean;
  readonly read: (key: string, codec: unknown) => { readonly value: unknown } | undefined;
  /** Call before reading the shared store; pass the result to `keep`. */
  readonly mark: () => number;
  readonly keep: (key: string, codec: unknown, value: unknown, from: { readonly text: string; readonly ttlMs: number }, mark: number) => void;
  /** This worker changed `key`: drop its copy here and in every other worker. */
  readonly changed: (key: string) => void;
  readonly size: () => number;
}

export const makeL1Copies = (options: L1Options): L1Copies => {
  const { bus } = options;
  const nowMs = options.nowMs ?? Date.now;
  const copies = new LRUCache<string, Copy>({ max: options.maxEntries, maxSize: options.maxTextBytes });
  const keyspaces = new Set(options.keyspaces);
  bus.onInvalidate((key) => (key === undefined ? copies.clear() : copies.delete(key)));
  return {
    holds: (key) => {
      const end = key.indexOf(':');
      return end > 0 && keyspaces.has(key.slice(0, end));
    },
    read: (key, codec) => {
      if (!bus.isLive()) return undefined;
      const copy = copies.get(key);
      if (copy === undefined || copy.codec !== codec) return undefined;
      if (nowMs() >= copy.expiresAt) {
        copies.delete(key);
        return undefined;
      }
      return { value: copy.value };
    },
    mark: () => bus.epoch(),
    keep: (key, codec, value, from, mark) => {
      if (bus.isLive() && bus.epoch() === mark) copies.set(key, { value, codec, expiresAt: nowMs() + from.ttlMs }, { size: Math.max(1, from.text.length) });
    },
    changed: (key) => {
      copies.delete(key);
      bus.publish(key);
    },
    size: () => copies.size,
  };
};
