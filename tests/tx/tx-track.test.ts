/**
 * Following sent transactions (API.md "Tracking"), end to end: the app in-process on real Postgres and Redis, the
 * Hardhat devnet behind a counting proxy, devnet accounts signing in with SIWE and sending real transactions, and
 * signed-in socket.io-client sockets receiving `transaction_update`. Automine is off where a transaction must stay
 * pending; the drop timer runs on an injected clock.
 */
import { randomBytes } from 'node:crypto';
import request from 'supertest';
import { encodeFunctionData, keccak256, maxUint256, parseEther, type Hex } from 'viem';
import type { Gauge } from 'prom-client';
import type { RunningServer } from '../../src/main';
import { signIn } from '../auth/sign-in';
import { collect, connectClient, emitWithAck, nextEvent, type ClientSocket } from '../realtime/support/socket-client';
import { startAppOnHarness, startTokensHarness, type TokensHarness } from '../support/app/chain-harness';
import { REAL_REDIS_URL, uniquePrefix } from '../support/app/start-test-server';
import { mintTokens, testTokenAbi, type DevnetAccount } from '../support/devnet';
import { counterValue, waitForCount } from '../support/metric-count';
import { makeTestClock } from '../support/test-clock';
import { waitFor, waitUntil } from '../support/wait-until';

jest.setTimeout(120_000);

interface TxUpdate {
  readonly hash: string;
  readonly status: string;
  readonly blockNumber?: number;
  readonly action?: string;
  readonly timestamp: string;
}

const DROP_AFTER_SECONDS = 600;
/** Above what any other test of this file keeps pending for one wallet (the pager tracks 5). */
const MAX_PENDING = 6;
const randomHash = (): Hex => `0x${randomBytes(32).toString('hex')}`;

describe('tracking sent transactions', () => {
  let h: TokensHarness;
  let sender: DevnetAccount;
  let other: DevnetAccount;
  let pager: DevnetAccount;
  /** Signed in before the clock moves (SIWE's issuedAt is the real time). */
  let pagerToken: string;
  let busyToken: string;
  let otherToken: string;
  const clock = makeTestClock();
  /** One cluster: every app of this file shares the Redis prefix (leases, Socket.IO channels) and the database. */
  const cluster = {
    REDIS_URL: REAL_REDIS_URL,
    REDIS_KEY_PREFIX: uniquePrefix(),
    JWT_SECRET: 'tx-track-test-secret-0123456789abcdef0123456789',
    TX_POLL_INTERVAL_MS: '50',
    TX_POLL_MAX_INTERVAL_MS: '200',
    TX_DROP_AFTER_SECONDS: String(DROP_AFTER_SECONDS),
    TX_TRACK_MAX_PENDING: String(MAX_PENDING),
    // The chain watcher stays quiet: portfolio updates and RPC traffic here come from the tracker.
    WATCH_POLL_INTERVAL_MS: '600000',
  };
  const apps: RunningServer[] = [];
  const sockets: ClientSocket[] = [];

  const startApp = async (): Promise<RunningServer> => {
    const app = await startAppOnHarness(h, h.registryFile, cluster, { now: clock.now });
    apps.push(app);
    return app;
  };
  const stopApp = async (app: RunningServer): Promise<void> => {
    await app.shutdown('test');
    apps.splice(apps.indexOf(app), 1);
  };
  /** Stops every app of the cluster and starts `count` new ones on the same database and Redis. */
  const restartCluster = async (count: number): Promise<RunningServer[]> => {
    await Promise.all([...apps].map(stopApp));
    const started: RunningServer[] = [];
    for (let i = 0; i < count; i++) started.push(await startApp());
    return started;
  };
  const signedInSocket = async (app: RunningServer, token: string): Promise<ClientSocket> => {
    const socket = await connectClient(app.url, { auth: { token } });
    sockets.push(socket);
    return socket;
  };
  const track = (app: RunningServer, token: string, hash: string) => request(app.app).post('/api/tx/track').set('Authorization', `Bearer ${token}`).send({ hash });
  const getTx = (app: RunningServer, token: string, hash: string) => request(app.app).get(`/api/tx/${hash}`).set('Authorization', `Bearer ${token}`);
  const listTx = (app: RunningServer, token: string, query: string) => request(app.app).get(`/api/tx${query}`).set('Authorization', `Bearer ${token}`);
  const sendNative = (from: DevnetAccount, value: bigint): Promise<Hex> => from.walletClient.sendTransaction({ to: other.address, value });
  const sendTokenCall = (from: DevnetAccount, data: Hex, gas?: bigint): Promise<Hex> =>
    from.walletClient.sendTransaction({ to: h.tokens[0]?.address ?? '0x', data, ...(gas === undefined ? {} : { gas }) });
  const followerRounds = (): Promise<number> => Promise.all(apps.map((a) => counterValue(a.metrics.loopRuns, { loop: 'tx_follow' }))).then((ns) => ns.reduce((x, y) => x + y, 0));
  /** Waits until the cluster's follower has completed `more` rounds from now on. */
  const moreRounds = async (more: number): Promise<void> => {
    const before = await followerRounds();
    await waitUntil(async () => ((await followerRounds()) >= before + more ? true : undefined), 10_000, () => `${more} more follower rounds`);
  };
  const updatesFor = (seen: ReadonlyArray<TxUpdate>, hash: string) => seen.filter((u) => u.hash === hash);

  beforeAll(async () => {
    h = await startTokensHarness(1);
    [, sender, other, pager] = h.devnet.accounts as [DevnetAccount, DevnetAccount, DevnetAccount, DevnetAccount];
    await mintTokens(h.devnet, [{ token: h.tokens[0]?.address ?? '0x', to: sender.address, amount: 1000n }]);
    const first = await startApp();
    // This file's database is its own: start from no tracked transactions (earlier runs left theirs).
    await first.database.pool.query('DELETE FROM tracked_transactions');
    pagerToken = await signIn(first.app, pager.account);
    busyToken = await signIn(first.app, (h.devnet.accounts[4] as DevnetAccount).account);
    otherToken = await signIn(first.app, other.account);
  });
  afterEach(async () => {
    sockets.splice(0).forEach((s) => s.close());
    await h.devnet.setAutomine(true);
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.shutdown('done')));
    await h?.stop();
  });

  it('refuses every tracking route without a token (401) and a hash that is not 32 bytes of hex (400)', async () => {
    const [app] = apps as [RunningServer];
    const hash = randomHash();
    for (const res of [await request(app.app).post('/api/tx/track').send({ hash }), await request(app.app).get(`/api/tx/${hash}`), await request(app.app).get('/api/tx')]) {
      expect([res.status, res.body.error.code]).toEqual([401, 'UNAUTHORIZED']);
    }
    const token = await signIn(app.app, sender.account);
    for (const bad of [{ hash: '0x1234' }, { hash: `${hash}00` }, { hash: 42 }, {}]) {
      const res = await track(app, token, (bad as { hash?: unknown }).hash as string);
      expect([res.status, res.body.error.code, res.body.error.details]).toEqual([400, 'VALIDATION_ERROR', [{ path: 'body.hash', expected: expect.any(String) }]]);
    }
    expect((await getTx(app, token, '0xnothex')).status).toBe(400);
    expect((await listTx(app, token, '?limit=0')).status).toBe(400);
    expect((await listTx(app, token, `?before=${randomHash()}`)).body.error).toEqual({ code: 'VALIDATION_ERROR', message: expect.any(String), details: [{ path: 'query.before', expected: 'the nextBefore of a previous page' }] });
  });

  it('confirmed and failed transactions are pushed once to the signed-in socket, shown by GET, and the portfolio is re-read', async () => {
    const [app] = apps as [RunningServer];
    const token = await signIn(app.app, sender.account);
    const socket = await signedInSocket(app, token);
    const updates = collect<TxUpdate>(socket, 'transaction_update');
    expect((await emitWithAck(socket, 'subscribe', { walletAddress: sender.address })).ok).toBe(true);

    await h.devnet.setAutomine(false);
    const approve = await sendTokenCall(sender, encodeFunctionData({ abi: testTokenAbi, functionName: 'approve', args: [other.address, 5n] }));
    const native = await sendNative(sender, parseEther('1'));
    // More than the sender holds: mined, and reverted (the gas is given, so nothing estimates it first).
    const reverting = await sendTokenCall(sender, encodeFunctionData({ abi: testTokenAbi, functionName: 'transfer', args: [other.address, maxUint256] }), 200_000n);
    h.proxy.reset();
    for (const hash of [approve, native, reverting]) {
      const res = await track(app, token, hash);
      expect([res.status, res.body]).toEqual([202, { success: true, data: { hash, status: 'pending' } }]);
    }
    // Waiting in the mempool: still pending after more rounds than the backoff needs to look again.
    await moreRounds(6);
    expect((await getTx(app, token, native)).body.data.status).toBe('pending');
    const pollsBeforeMining = h.proxy.stats();

    const portfolioUpdate = nextEvent<{ type: string; changes: ReadonlyArray<{ path: string }> }>(socket, 'portfolio_update', 15_000, (u) => u.type === 'balance_change');
    await h.devnet.mine(1);
    await waitFor('three transaction_update pushes', () => updates.length >= 3);
    const receipts = await Promise.all([approve, native, reverting].map((hash) => h.devnet.publicClient.getTransactionReceipt({ hash })));
    const [approveReceipt, nativeReceipt, revertReceipt] = receipts as [(typeof receipts)[0], (typeof receipts)[0], (typeof receipts)[0]];
    expect(revertReceipt.status).toBe('reverted');
    const block = Number(nativeReceipt.blockNumber);
    expect(updatesFor(updates, approve)).toEqual([{ hash: approve, status: 'confirmed', blockNumber: block, action: 'approve', timestamp: expect.any(String) }]);
    expect(updatesFor(updates, native)).toEqual([{ hash: native, status: 'confirmed', blockNumber: block, timestamp: expect.any(String) }]);
    expect(updatesFor(updates, reverting)).toEqual([{ hash: reverting, status: 'failed', blockNumber: block, timestamp: expect.any(String) }]);

    const shown = await getTx(app, token, approve);
    expect([shown.status, shown.body.data]).toEqual([
      200,
      {
        hash: approve,
        from: sender.address,
        to: h.tokens[0]?.address,
        status: 'confirmed',
        blockNumber: block,
        gasUsed: approveReceipt.gasUsed.toString(),
        action: 'approve',
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      },
    ]);
    expect((await getTx(app, token, reverting)).body.data).toMatchObject({ status: 'failed', gasUsed: revertReceipt.gasUsed.toString(), to: h.tokens[0]?.address });
    // The re-read after the native transfer landed pushed the balance change (no log: only the tracker re-reads).
    expect((await portfolioUpdate).changes.map((c) => c.path)).toContain('tokenBalances.native.balance');
    // The cost of following: every look at the node is one receipt and one transaction lookup, in one HTTP batch.
    const { methods, batchSizes } = pollsBeforeMining;
    expect(methods['eth_getTransactionReceipt']).toBe(methods['eth_getTransactionByHash']);
    expect(batchSizes.every((size) => size % 2 === 0 && size <= 6)).toBe(true);
    expect(await counterValue(app.metrics.txUpdates, { status: 'failed' })).toBe(1);
  });

  it('a transaction already mined when tracked answers its final status at once and is pushed once, however often it is tracked', async () => {
    const [app] = apps as [RunningServer];
    const token = await signIn(app.app, sender.account);
    const socket = await signedInSocket(app, token);
    const updates = collect<TxUpdate>(socket, 'transaction_update');
    const [first, second] = [await sendNative(sender, 1n), await sendNative(sender, 2n)];
    await h.devnet.publicClient.waitForTransactionReceipt({ hash: second });
    expect([(await track(app, token, first)).status, (await track(app, token, first)).body.data]).toEqual([202, { hash: first, status: 'confirmed' }]);
    // A later push, after the repeated track: once it arrived, a second push of the first one would have too.
    expect((await track(app, token, second)).body.data).toEqual({ hash: second, status: 'confirmed' });
    await waitFor('the later push', () => updatesFor(updates, second).length === 1);
    expect(updatesFor(updates, first).map((u) => u.status)).toEqual(['confirmed']);
    expect((await listTx(app, token, '?limit=100')).body.data.transactions.filter((t: { hash: string }) => t.hash === first)).toHaveLength(1);
  });

  it("another wallet's transaction is refused with 403 when visible (mined or waiting), and forgotten without a push when it shows up later", async () => {
    const [app] = apps as [RunningServer];
    const token = await signIn(app.app, sender.account);
    const socket = await signedInSocket(app, token);
    const updates = collect<TxUpdate>(socket, 'transaction_update');
    const mined = await sendNative(other, 1n);
    await h.devnet.publicClient.waitForTransactionReceipt({ hash: mined });
    const refused = await track(app, token, mined);
    expect([refused.status, refused.body.error.code]).toEqual([403, 'NOT_OWNER']);
    expect((await getTx(app, token, mined)).status).toBe(404);

    await h.devnet.setAutomine(false);
    const waiting = await sendNative(other, 2n);
    expect((await track(app, token, waiting)).status).toBe(403);

    // Signed by the other wallet but not sent yet: unknown to the node, so it is accepted as pending…
    const prepared = await other.walletClient.prepareTransactionRequest({ to: sender.address, value: 3n, nonce: Number(await h.devnet.publicClient.getTransactionCount({ address: other.address, blockTag: 'pending' })) });
    const raw = await other.account.signTransaction({ to: prepared.to, value: prepared.value, nonce: prepared.nonce, gas: prepared.gas, maxFeePerGas: prepared.maxFeePerGas, maxPriorityFeePerGas: prepared.maxPriorityFeePerGas, chainId: h.devnet.chainId, type: 'eip1559' });
    const early = keccak256(raw);
    expect((await track(app, token, early)).body.data).toEqual({ hash: early, status: 'pending' });
    // …and once it shows up from the other wallet, forgotten: never pushed, gone from GET.
    await h.devnet.request('eth_sendRawTransaction', [raw]);
    await h.devnet.mine(1);
    await waitUntil(async () => ((await getTx(app, token, early)).status === 404 ? true : undefined), 10_000, () => 'the hijacked hash forgotten');
    await h.devnet.setAutomine(true);
    const own = await sendNative(sender, 4n);
    await h.devnet.publicClient.waitForTransactionReceipt({ hash: own });
    await track(app, token, own);
    await waitFor('the push of the own transaction', () => updatesFor(updates, own).length === 1);
    expect(updates.map((u) => u.hash)).toEqual([own]);
  });

  it('with the node unreachable, a tracked hash is accepted as pending and followed once the node answers again', async () => {
    const [app] = apps as [RunningServer];
    const token = await signIn(app.app, sender.account);
    const socket = await signedInSocket(app, token);
    const updates = collect<TxUpdate>(socket, 'transaction_update');
    const hash = await sendNative(sender, 8n);
    const receipt = await h.devnet.publicClient.waitForTransactionReceipt({ hash });
    h.proxy.setFailing(true, 'http-503');
    try {
      expect(await track(app, token, hash).then((res) => [res.status, res.body.data])).toEqual([202, { hash, status: 'pending' }]);
      // Rounds that cannot reach the node leave it pending.
      await moreRounds(3);
      expect((await getTx(app, token, hash)).body.data.status).toBe('pending');
    } finally {
      h.proxy.setFailing(false);
    }
    await waitFor('the push once the node answers', () => updatesFor(updates, hash).length === 1);
    expect(updatesFor(updates, hash)).toEqual([{ hash, status: 'confirmed', blockNumber: Number(receipt.blockNumber), timestamp: expect.any(String) }]);
  });

  it("GET of another wallet's tracked hash answers 404, like an unknown hash, and it is not in that wallet's list", async () => {
    const [app] = apps as [RunningServer];
    const [senderToken, otherToken] = [await signIn(app.app, sender.account), await signIn(app.app, other.account)];
    const hash = randomHash();
    expect((await track(app, senderToken, hash)).status).toBe(202);
    expect((await getTx(app, senderToken, hash)).body.data).toMatchObject({ hash, from: sender.address, to: null, status: 'pending' });
    const foreign = await getTx(app, otherToken, hash);
    expect([foreign.status, foreign.body.error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await getTx(app, otherToken, randomHash())).body.error.code).toBe('NOT_FOUND');
    expect((await listTx(app, otherToken, '')).body.data.transactions.map((t: { hash: string }) => t.hash)).not.toContain(hash);
  });

  it('a tracked pending transaction survives a restart of the app and is confirmed after it is mined', async () => {
    const [before] = await restartCluster(1);
    if (before === undefined) throw new Error('no app');
    const token = await signIn(before.app, sender.account);
    await h.devnet.setAutomine(false);
    const hash = await sendNative(sender, 5n);
    expect((await track(before, token, hash)).body.data).toEqual({ hash, status: 'pending' });
    await moreRounds(2);
    const [after] = await restartCluster(1);
    if (after === undefined) throw new Error('no app');
    const socket = await signedInSocket(after, token);
    const pushed = nextEvent<TxUpdate>(socket, 'transaction_update', 15_000, (u) => u.hash === hash);
    await h.devnet.mine(1);
    const receipt = await h.devnet.publicClient.getTransactionReceipt({ hash });
    expect(await pushed).toEqual({ hash, status: 'confirmed', blockNumber: Number(receipt.blockNumber), timestamp: expect.any(String) });
    expect((await getTx(after, token, hash)).body.data).toMatchObject({ status: 'confirmed', blockNumber: Number(receipt.blockNumber) });
  });

  it('two workers on one Redis and database follow a transaction once: exactly one transaction_update per change', async () => {
    const [a, b] = (await restartCluster(2)) as [RunningServer, RunningServer];
    const token = await signIn(a.app, sender.account);
    const socket = await signedInSocket(a, token);
    const updates = collect<TxUpdate>(socket, 'transaction_update');
    const pushedBefore = await Promise.all([a, b].map((app) => counterValue(app.metrics.txUpdates, { status: 'confirmed' })));
    await h.devnet.setAutomine(false);
    const first = await sendNative(sender, 6n);
    expect((await track(b, token, first)).body.data.status).toBe('pending');
    const roundsBefore = await Promise.all([a, b].map((app) => counterValue(app.metrics.loopRuns, { loop: 'tx_follow' })));
    await moreRounds(4);
    const roundsAfter = await Promise.all([a, b].map((app) => counterValue(app.metrics.loopRuns, { loop: 'tx_follow' })));
    // One follower for the cluster: only one worker's rounds move.
    expect(roundsAfter.map((n, i) => n > (roundsBefore[i] ?? 0)).filter(Boolean)).toHaveLength(1);
    await h.devnet.mine(1);
    await waitFor('the first push', () => updatesFor(updates, first).length >= 1);
    // A later change, pushed after the first: had the first been pushed twice, the copy would be here by now.
    const second = await sendNative(sender, 7n);
    expect((await track(a, token, second)).body.data.status).toBe('pending');
    await h.devnet.mine(1);
    await waitFor('the second push', () => updatesFor(updates, second).length >= 1);
    expect(updates.map((u) => [u.hash, u.status])).toEqual([
      [first, 'confirmed'],
      [second, 'confirmed'],
    ]);
    const pushedAfter = await Promise.all([a, b].map((app) => counterValue(app.metrics.txUpdates, { status: 'confirmed' })));
    expect(pushedAfter.reduce((x, y) => x + y, 0) - pushedBefore.reduce((x, y) => x + y, 0)).toBe(2);
  });

  it('a hash neither mined nor known to the node is dropped after TX_DROP_AFTER_SECONDS on the injected clock, not before', async () => {
    const [app] = apps as [RunningServer];
    const token = await signIn(app.app, sender.account);
    const socket = await signedInSocket(app, token);
    const updates = collect<TxUpdate>(socket, 'transaction_update');
    /** A scrape-time gauge summed over the cluster (the workers that do not follow report 0). */
    const gauge = async (name: string): Promise<number> => {
      const values = await Promise.all(apps.map(async (a) => (await (a.metrics.registry.getSingleMetric(name) as Gauge).get()).values[0]?.value ?? 0));
      return values.reduce((x, y) => x + y, 0);
    };
    const pendingGauge = () => gauge('tx_tracked_pending');
    const droppedRows = async (): Promise<number> => (await app.database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM tracked_transactions WHERE status = 'dropped'")).rows[0]?.n ?? 0;
    const [droppedBefore, droppedRowsBefore] = [await counterValue(app.metrics.txUpdates, { status: 'dropped' }), await droppedRows()];
    const pendingBefore = await pendingGauge();
    const hash = randomHash();
    expect((await track(app, token, hash)).body.data).toEqual({ hash, status: 'pending' });
    await moreRounds(3);
    expect(await pendingGauge()).toBe(pendingBefore + 1);
    clock.advance(DROP_AFTER_SECONDS * 1000 - 5000);
    await moreRounds(3);
    expect((await getTx(app, token, hash)).body.data.status).toBe('pending');
    expect(await gauge('tx_tracked_oldest_pending_age_seconds')).toBeGreaterThanOrEqual(DROP_AFTER_SECONDS - 5);
    clock.advance(5000);
    await waitFor('the dropped push', () => updatesFor(updates, hash).length === 1);
    expect(updatesFor(updates, hash)).toEqual([{ hash, status: 'dropped', timestamp: expect.any(String) }]);
    // One push per row dropped (the earlier test's unknown hash is dropped by the same move of the clock).
    const dropped = (await droppedRows()) - droppedRowsBefore;
    expect(dropped).toBeGreaterThanOrEqual(1);
    expect(await waitForCount(app.metrics.txUpdates, { status: 'dropped' }, droppedBefore + dropped)).toBe(droppedBefore + dropped);
    const shown = (await getTx(app, token, hash)).body.data;
    expect(shown).toEqual({ hash, from: sender.address, to: null, status: 'dropped', createdAt: expect.any(String), updatedAt: expect.any(String) });
    expect(new Date(shown.updatedAt).getTime() - new Date(shown.createdAt).getTime()).toBeGreaterThanOrEqual(DROP_AFTER_SECONDS * 1000);
  });

  it('lists the wallet\'s tracked transactions newest first, page by page with nextBefore; erasing the account data erases them', async () => {
    const [app] = apps as [RunningServer];
    const token = pagerToken;
    const hashes: Hex[] = [];
    for (let i = 0; i < 5; i++) {
      hashes.push(randomHash());
      expect((await track(app, token, hashes[i] ?? '')).status).toBe(202);
      clock.advance(1000);
    }
    const newestFirst = [...hashes].reverse();
    const page1 = (await listTx(app, token, '?limit=2')).body.data;
    expect(page1.transactions.map((t: { hash: string }) => t.hash)).toEqual(newestFirst.slice(0, 2));
    expect(page1.nextBefore).toBe(newestFirst[1]);
    const page2 = (await listTx(app, token, `?limit=2&before=${page1.nextBefore}`)).body.data;
    expect([page2.transactions.map((t: { hash: string }) => t.hash), page2.nextBefore]).toEqual([newestFirst.slice(2, 4), newestFirst[3]]);
    const page3 = (await listTx(app, token, `?limit=2&before=${page2.nextBefore}`)).body.data;
    expect(page3).toEqual({ transactions: [expect.objectContaining({ hash: newestFirst[4], status: 'pending' })] });
    expect((await listTx(app, token, '')).body.data.transactions.map((t: { hash: string }) => t.hash)).toEqual(newestFirst);

    const erased = await request(app.app).delete('/api/me/data').set('Authorization', `Bearer ${token}`);
    expect(erased.status).toBe(200);
    expect(Object.keys(erased.body.data.erased).sort()).toEqual(['alertEvents', 'alerts', 'chatMessages', 'sessions']);
    const left = await app.database.pool.query('SELECT count(*)::int AS n FROM tracked_transactions WHERE wallet = $1', [pager.address]);
    expect(left.rows[0]).toEqual({ n: 0 });
  });

  it('a wallet follows at most TX_TRACK_MAX_PENDING pending transactions: one more is 409, re-tracking one is not, a landed one is always taken', async () => {
    const [app] = apps as [RunningServer];
    const busy = h.devnet.accounts[4] as DevnetAccount;
    const token = busyToken;
    const pending = Array.from({ length: MAX_PENDING }, randomHash);
    for (const hash of pending) expect((await track(app, token, hash)).body.data).toEqual({ hash, status: 'pending' });

    const refused = await track(app, token, randomHash());
    expect([refused.status, refused.body.error.code]).toEqual([409, 'CONFLICT']);
    expect(refused.body.error.message).toContain(`at most ${MAX_PENDING} pending`);
    expect((await track(app, token, pending[0] ?? '')).body.data).toEqual({ hash: pending[0], status: 'pending' });
    const landed = await busy.walletClient.sendTransaction({ to: other.address, value: 1n });
    await h.devnet.publicClient.waitForTransactionReceipt({ hash: landed });
    expect((await track(app, token, landed)).body.data).toEqual({ hash: landed, status: 'confirmed' });
    // Another wallet's limit is its own.
    expect((await track(app, otherToken, randomHash())).status).toBe(202);
    const rows = await app.database.pool.query<{ n: number }>("SELECT count(*)::int AS n FROM tracked_transactions WHERE wallet = $1 AND status = 'pending'", [busy.address]);
    expect(rows.rows[0]).toEqual({ n: MAX_PENDING });
  });
});
