import type { ClientRateLimitInfo, IncrementResponse, Options, Store } from 'express-rate-limit';
import type { Redis } from 'ioredis';

export interface LeasedRedisStoreOptions {
  readonly redis: Redis;
  /** Key prefix inside the client's own prefix, e.g. `rl:api:`. */
  readonly prefix: string;
  /** A lease is at most this share of what is left in the window: 1/spread (see docs/adr/011-leased-rate-limit-counts.md). */
  readonly spread?: number;
  /** And never more than this many points. */
  readonly maxLease?: number;
  readonly nowMs?: () => number;
}

/**
 * Grants up to a share of what is left of a client's window: ARGV = windowMs, limit, spread, maxLease.
 * Returns { hits counted in Redis after the grant, points granted (0 once spent), ms until the window resets }.
 */
const LEASE_SCRIPT = `
local ttl = redis.call('PTTL', KEYS[1])
local used = 0
if ttl <= 0 then
  redis.call('SET', KEYS[1], 0, 'PX', ARGV[1])
  ttl = tonumber(ARGV[1])
else
  used = tonumber(redis.call('GET', KEYS[1]))
end
local left = tonumber(ARGV[2]) - used
if left <= 0 then return { used, 0, ttl } end
local grant = math.min(left, tonumber(ARGV[4]), math.max(1, math.floor(left / tonumber(ARGV[3]))))
return { redis.call('INCRBY', KEYS[1], grant), grant, ttl }
`;

/** What this process holds of one client's window: hit numbers `next..last` are its to hand out without asking Redis. */
interface Lease {
  readonly resetAt: number;
  readonly first: number;
  next: number;
  readonly last: number;
  /** Redis granted nothing: the window is spent for every worker until `resetAt`. */
  readonly isSpent: boolean;
}

/**
 * An express-rate-limit store that counts in Redis in leases instead of one round trip per request: a worker takes
 * a block of the client's remaining budget (a share of what is left, 1 point near the limit) and hands it out locally.
 * Redis never grants more than the limit, so the limit holds across workers with no overshoot; the price is that
 * points leased by one worker are not usable by another until the window ends (docs/adr/011).
 */
export const makeLeasedRedisStore = (options: LeasedRedisStoreOptions): Store => {
  const { redis, prefix } = options;
  const spread = options.spread ?? 4;
  const maxLease = options.maxLease ?? 1000;
  const nowMs = options.nowMs ?? Date.now;
  const leases = new Map<string, Lease>();
  const pending = new Map<string, Promise<Lease>>();
  let windowMs = 60_000;
  let limit = 1;

  const takeLease = async (key: string): Promise<Lease> => {
    const reply = (await redis.eval(LEASE_SCRIPT, 1, `${prefix}${key}`, windowMs, limit, spread, maxLease)) as [number, number, number];
    const [counted, granted, ttlMs] = reply;
    const lease: Lease = { resetAt: nowMs() + ttlMs, first: counted - granted + 1, next: counted - granted + 1, last: counted, isSpent: granted === 0 };
    leases.set(key, lease);
    return lease;
  };

  const leaseOf = (key: string): Promise<Lease> => {
    const inFlight = pending.get(key);
    if (inFlight !== undefined) return inFlight;
    const request = takeLease(key).finally(() => pending.delete(key));
    pending.set(key, request);
    return request;
  };

  /** The next hit number from a live lease, or undefined when a new lease is needed. */
  const hitFrom = (lease: Lease | undefined, now: number): IncrementResponse | undefined => {
    if (lease === undefined || now >= lease.resetAt) return undefined;
    const resetTime = new Date(lease.resetAt);
    if (lease.isSpent) return { totalHits: limit + 1, resetTime };
    if (lease.next > lease.last) return undefined;
    const totalHits = lease.next;
    lease.next += 1;
    return { totalHits, resetTime };
  };

  const dropExpired = (now: number) => {
    for (const [key, lease] of leases) if (now >= lease.resetAt) leases.delete(key);
  };
  let sweeper: NodeJS.Timeout | undefined;

  const increment = async (key: string): Promise<IncrementResponse> => {
    const local = hitFrom(leases.get(key), nowMs());
    if (local !== undefined) return local;
    for (;;) {
      // Concurrent requests share one lease request; whoever finds it used up asks again.
      const hit = hitFrom(await leaseOf(key), nowMs());
      if (hit !== undefined) return hit;
    }
  };

  return {
    localKeys: false,
    prefix,
    init: (o: Options) => {
      windowMs = o.windowMs;
      limit = typeof o.limit === 'number' ? o.limit : limit;
      sweeper = setInterval(() => dropExpired(nowMs()), windowMs);
      sweeper.unref();
    },
    get: (key: string): ClientRateLimitInfo | undefined => {
      const lease = leases.get(key);
      return lease === undefined ? undefined : { totalHits: lease.isSpent ? limit + 1 : lease.next - 1, resetTime: new Date(lease.resetAt) };
    },
    increment,
    decrement: (key: string) => {
      const lease = leases.get(key);
      // Gives back the last point handed out from the current lease (the middleware's skip options; unused here).
      if (lease !== undefined && lease.next > lease.first) lease.next -= 1;
    },
    resetKey: async (key: string) => {
      leases.delete(key);
      await redis.del(`${prefix}${key}`);
    },
    shutdown: () => clearInterval(sweeper),
  };
};
