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
import type { LeaseStore } from '../../src/services/watcher/ports';
import { startSpareRedis, type SpareRedis } from '../support/app/spare-redis';
import { REAL_REDIS_URL, uniquePrefix } from '../support/app/start-test-server';
import { waitFor } from '../support/wait-until';

const TTL_MS = 900;
const logger = makeSilentLogger();

const waitUntil = (isDone: () => boolean, timeoutMs: number): Promise<true> => waitFor('the condition', isDone, timeoutMs);

/** What a candidate's calls to the lease store came to, in order: how a test follows its attempts without a clock. */
type Attempt = 'acquired' | 'refused' | 'renewed' | 'lost' | 'failed';

/** The store, recording the outcome of every acquire and renew. */
const recordingStore = (inner: LeaseStore, attempts: Attempt[]): LeaseStore => {
  const record = async (call: Promise<boolean>, yes: Attempt, no: Attempt): Promise<boolean> => {
    try {
      const ok = await call;
      attempts.push(ok ? yes : no);
      return ok;
    } catch (cause) {
      attempts.push('failed');
      throw cause;
    }
  };
  return {
    acquire: (name, owner, ttlMs) => record(inner.acquire(name, owner, ttlMs), 'acquired', 'refused'),
    renew: (name, owner, ttlMs) => record(inner.renew(name, owner, ttlMs), 'renewed', 'lost'),
    release: (name, owner) => inner.release(name, owner),
  };
};
const count = (attempts: ReadonlyArray<Attempt>, kind: Attempt): number => attempts.filter((a) => a === kind).length;

interface Candidate {
  readonly election: LeaderElection;
  readonly events: string[];
  readonly attempts: Attempt[];
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

  const candidate = (redis: Redis, now?: () => number): Candidate => {
    const events: string[] = [];
    const attempts: Attempt[] = [];
    const election = startLeaderElection({
      store: recordingStore(makeRedisLeaseStore(redis), attempts),
      name: 'watcher',
      ttlMs: TTL_MS,
      logger,
      onElected: () => events.push('elected'),
      onDeposed: () => {
        events.push('deposed');
      },
      ...(now === undefined ? {} : { now }),
    });
    running.push(election);
    return { election, events, attempts };
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
    if (leader === undefined) throw new Error('no leader');
    // Renewed every TTL/3: nine renewals span three TTLs, past which an unrenewed lease would have expired in Redis.
    await waitUntil(() => count(leader.attempts, 'renewed') >= 9, TTL_MS * 10);
    expect(candidates.map((c) => c.election.isLeader())).toEqual(candidates.map((c) => c === leader));
    expect(leader.events).toEqual(['elected']);
    expect(leader.attempts.filter((a) => a !== 'renewed')).toEqual(['acquired']);
    // The others kept asking, and were refused every time.
    candidates.filter((c) => c !== leader).forEach((c) => expect(new Set(c.attempts)).toEqual(new Set(['refused'])));
    expect(await redis.get('leader:watcher')).toBe(leader.election.owner);
  });

  it('hands over at once when the leader stops: it releases the lease and another takes it at its next attempt', async () => {
    const redis = await redisClient();
    const first = candidate(redis);
    await waitUntil(() => first.election.isLeader(), 2000);
    const second = candidate(redis);
    await waitUntil(() => second.attempts.length >= 1, 2000);
    expect(new Set(second.attempts)).toEqual(new Set(['refused']));
    expect(second.election.isLeader()).toBe(false);
    await first.election.stop();
    expect(first.events).toEqual(['elected', 'deposed']);
    const refusedBeforeRelease = count(second.attempts, 'refused');
    await waitUntil(() => second.election.isLeader(), 2000);
    // Attempts come every TTL/3; the lease would have lasted a whole TTL had it not been released.
    expect(second.attempts).toEqual([...Array<Attempt>(refusedBeforeRelease).fill('refused'), 'acquired']);
  });

  it('takes over from a holder that died without releasing, at its first attempt once the lease has expired', async () => {
    const redis = await redisClient();
    // A crashed worker's lease: still in Redis, never renewed again (a minute long, so that the test decides when it ends).
    await redis.set('leader:watcher', 'dead-worker', 'PX', 60_000);
    const survivor = candidate(redis);
    await waitUntil(() => survivor.attempts.length >= 2, 3000);
    expect(survivor.election.isLeader()).toBe(false);
    // The lease runs out: Redis expires it.
    await redis.pexpire('leader:watcher', 1);
    const refusedBeforeExpiry = count(survivor.attempts, 'refused');
    await waitUntil(() => survivor.election.isLeader(), 3000);
    expect(await redis.get('leader:watcher')).toBe(survivor.election.owner);
    expect(survivor.attempts.length).toBeLessThanOrEqual(refusedBeforeExpiry + 2);
    expect(survivor.attempts.at(-1)).toBe('acquired');
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
      // The election's own clock, moved by the test: it decides when 2/3 of the lease have passed since the last renewal.
      let nowMs = 1_000_000;
      const leader = candidate(await redisClient(spare.url), () => nowMs);
      await waitUntil(() => leader.election.isLeader(), 3000);
      await spare.stop();
      // A renewal has failed: none can succeed from here on, so the last renewal's time is fixed.
      await waitUntil(() => count(leader.attempts, 'failed') >= 1, 5000);
      nowMs += (TTL_MS * 2) / 3 - 1;
      const failedBefore = count(leader.attempts, 'failed');
      await waitUntil(() => count(leader.attempts, 'failed') >= failedBefore + 1, 5000);
      expect(leader.election.isLeader()).toBe(true);
      // 2/3 of the lease since the last renewal: it steps down at the next failed renewal, a third of the TTL before
      // the lease could expire, so nobody else could have held it meanwhile.
      nowMs += 1;
      await waitUntil(() => !leader.election.isLeader(), 5000);
      expect(leader.events).toEqual(['elected', 'deposed']);
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
