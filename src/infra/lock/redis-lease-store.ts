import type { Redis } from 'ioredis';
import type { LeaseStore } from '../../services/watcher/ports';

const RENEW_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
const RELEASE_IF_OWNER = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

const keyOf = (name: string): string => `leader:${name}`;

/** Leases as Redis keys (SET NX PX; renew and release only by the owner, atomically in Lua). Redis errors reject. */
export const makeRedisLeaseStore = (redis: Redis): LeaseStore => ({
  acquire: async (name, owner, ttlMs) => (await redis.set(keyOf(name), owner, 'PX', ttlMs, 'NX')) === 'OK' || (await redis.get(keyOf(name))) === owner,
  renew: async (name, owner, ttlMs) => Number(await redis.eval(RENEW_IF_OWNER, 1, keyOf(name), owner, String(ttlMs))) === 1,
  release: async (name, owner) => {
    await redis.eval(RELEASE_IF_OWNER, 1, keyOf(name), owner);
  },
});
