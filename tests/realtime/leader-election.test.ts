/**
 * The watcher's leader lease on real Redis (and in memory): one leader among candidates, fast handover on a clean
 * stop, takeover within the TTL when the holder dies, and a leader that steps down when it loses the lease or Redis.
 */
import type { Redis } from 'ioredis';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import { makeRedisClient, waitForRedis } from '../../src/infra/redis/make-redis-client';
import { startLeaderElection, type LeaderElection } from '../../src/services/watcher/leader-election';
import { makeMemoryLeaseStore } from '../../src/infra/lock/memory-lease-store';
import { makeRedisLeaseStore } from '../../src/infra/lock/redis-lease-store';
import { startSpareRedis, type SpareRedis } from '../support/app/spare-redis';
import { REAL_REDIS_URL, uniquePrefix } from '../support/app/start-test-server';

const TTL_MS = 900;
const logger = makeSilentLogger();

const waitUntil = async (isDone: () => boolean, timeoutMs: number): Promise<number> => {
  const started = Date.now();
  while (!isDone()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
};

interface Candidate {
  readonly election: LeaderElection;
  readonly events: string[];
}

describe('leader election on Redis', () => {
  const clients: Redis[] = [];
  const running: LeaderElection[] = [];
  let prefix: string;

  const redisClient = async (url = REAL_REDIS_URL): Promise<Redis> => {
    const client = makeRedisClient({ url, password: undefined, keyPrefix: prefix, name: 'leader-test' }, logger);
    clients.push(client);
    if (!(await waitForRedis(client, 3000))) throw new Error(`redis at ${url} is not reachable`);
    return client;
  };

  const candidate = (redis: Redis): Candidate => {
    const events: string[] = [];
    const election = startLeaderElection({
      store: makeRedisLeaseStore(redis),
      name: 'watcher',
      ttlMs: TTL_MS,
      logger,
      onElected: () => events.push('elected'),
      onDeposed: () => {
        events.push('deposed');
      },
    });
    running.push(election);
    return { election, events };
  };

  beforeEach(() => {
    prefix = uniquePrefix();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((e) => e.stop()));
    await Promise.all(clients.splice(0).map((c) => c.quit().catch(() => c.disconnect())));
  });

  it('elects exactly one of three candidates, which keeps the lease past several TTLs by renewing it', async () => {
    const redis = await redisClient();
    const candidates = [candidate(redis), candidate(redis), candidate(redis)];
    await waitUntil(() => candidates.some((c) => c.election.isLeader()), 2000);
    const leader = candidates.find((c) => c.election.isLeader());
    await new Promise((r) => setTimeout(r, TTL_MS * 3));
    expect(candidates.map((c) => c.election.isLeader())).toEqual(candidates.map((c) => c === leader));
    expect(leader?.events).toEqual(['elected']);
    expect(await redis.get('leader:watcher')).toBe(leader?.election.owner);
  });

  it('hands over at once when the leader stops: it releases the lease and another takes it within a third of the TTL', async () => {
    const redis = await redisClient();
    const first = candidate(redis);
    await waitUntil(() => first.election.isLeader(), 2000);
    const second = candidate(redis);
    await new Promise((r) => setTimeout(r, 100));
    expect(second.election.isLeader()).toBe(false);
    await first.election.stop();
    expect(first.events).toEqual(['elected', 'deposed']);
    const tookMs = await waitUntil(() => second.election.isLeader(), TTL_MS);
    expect(tookMs).toBeLessThan(TTL_MS / 3 + 150);
  });

  it('takes over from a holder that died without releasing, within the TTL after its last renewal', async () => {
    const redis = await redisClient();
    // A crashed worker's lease: still in Redis, never renewed again.
    await redis.set('leader:watcher', 'dead-worker', 'PX', TTL_MS);
    const diedAt = Date.now();
    const survivor = candidate(redis);
    await waitUntil(() => survivor.election.isLeader(), 3000);
    const tookMs = Date.now() - diedAt;
    expect(tookMs).toBeGreaterThanOrEqual(TTL_MS - 50);
    expect(tookMs).toBeLessThan(TTL_MS + TTL_MS / 3 + 200);
  });

  it('steps down when its lease is taken from it (e.g. it paused past the TTL)', async () => {
    const redis = await redisClient();
    const leader = candidate(redis);
    await waitUntil(() => leader.election.isLeader(), 2000);
    await redis.set('leader:watcher', 'someone-else', 'PX', 60_000);
    await waitUntil(() => !leader.election.isLeader(), TTL_MS);
    expect(leader.events).toEqual(['elected', 'deposed']);
  });

  describe('when Redis goes away', () => {
    let spare: SpareRedis;
    beforeAll(async () => {
      spare = await startSpareRedis();
    });
    afterAll(() => spare.stop());

    it('the leader steps down before its lease could expire, and is elected again once Redis is back', async () => {
      const leader = candidate(await redisClient(spare.url));
      await waitUntil(() => leader.election.isLeader(), 3000);
      await spare.stop();
      const stoppedAt = Date.now();
      await waitUntil(() => !leader.election.isLeader(), 3000);
      // Stepped down before the last renewal's lease ran out: nobody else could have held it meanwhile.
      expect(Date.now() - stoppedAt).toBeLessThan(TTL_MS + 100);
      await spare.start();
      await waitUntil(() => leader.election.isLeader(), 8000);
      expect(leader.events).toEqual(['elected', 'deposed', 'elected']);
    }, 20_000);
  });
});

describe('leader election without Redis', () => {
  it('the process leads on its own at once', async () => {
    const events: string[] = [];
    const election = startLeaderElection({ store: makeMemoryLeaseStore(), name: 'watcher', ttlMs: TTL_MS, logger, onElected: () => events.push('elected'), onDeposed: () => undefined });
    await waitUntil(() => election.isLeader(), 200);
    await election.stop();
    expect(election.isLeader()).toBe(false);
    expect(events).toEqual(['elected']);
  });
});
