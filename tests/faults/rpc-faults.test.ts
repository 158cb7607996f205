import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { brokenAnswers, dataOf, errorCodeOf, type Answer } from './support/answers';
import { createAlerts } from './support/acknowledged-writes';
import { BUILD_AND_START_TIMEOUT_MS, startFaultApp, type FaultApp } from './support/fault-app';
import { recordFaultOutcome } from './support/fault-report';
import { writeRegistryFile } from '../support/app/chain-harness';
import { startDevnet, type Devnet } from '../support/devnet';
import { startRpcCountingProxy, type RpcCountingProxy, type RpcFailureMode } from '../support/rpc-counting-proxy';
import { waitUntil } from '../support/wait-until';

jest.setTimeout(120_000);

/** The documented 503 of a read the chain is needed for and no snapshot exists (and of /health never: the RPC only degrades it). */
const RPC_DOWN_503S = ['503 RPC_UNAVAILABLE'];

/** A portfolio read from the chain just now: 200 without the `stale` flag that marks a stored snapshot. */
const isFresh = (answer: Answer): boolean => answer.status === 200 && dataOf(answer) !== undefined && dataOf(answer)?.['stale'] === undefined;

const freshWallet = (): string => privateKeyToAccount(generatePrivateKey()).address;

describe('fault: the RPC node is down, hangs, or answers garbage', () => {
  let devnet: Devnet;
  let rpc: RpcCountingProxy;
  let registry: { readonly file: string; readonly remove: () => void };
  let app: FaultApp;
  beforeAll(async () => {
    devnet = await startDevnet();
    rpc = await startRpcCountingProxy(devnet.url);
    registry = writeRegistryFile({ tokens: [] });
    app = await startFaultApp({
      rpcUrl: rpc.url,
      env: { CHAIN_CONFIG_FILE: registry.file, RPC_TIMEOUT_MS: '1000', RPC_READ_DEADLINE_MS: '1500', RPC_CIRCUIT_OPEN_SECONDS: '1' },
    });
  }, BUILD_AND_START_TIMEOUT_MS);
  afterAll(async () => {
    await app?.stop();
    await rpc?.stop();
    await devnet?.stop();
    registry?.remove();
  });
  afterEach(() => rpc.setFailing(false));

  it.each<[string, RpcFailureMode]>([
    ['down (connections dropped)', 'drop-connection'],
    ['down (503 from its gateway)', 'http-503'],
    ['hanging', 'hang'],
    ['answering a body that is not JSON', 'not-json'],
    ['answering junk results', 'junk-results'],
  ])('RPC %s: stored snapshots stale, 503 RPC_UNAVAILABLE without one, /health degraded, writes kept, fresh again once it is back', async (label, mode) => {
    const { account, token } = await app.signIn();
    const wallet = freshWallet();
    await app.waitForCheck('rpc', 'up');
    app.takeAnswers();
    const stored = await app.ask({ method: 'POST', path: `/api/portfolio/${wallet}/refresh` });
    let acknowledged = await createAlerts(app, token, 2);

    rpc.setFailing(true, mode);
    // A refresh skips the cache, so it must read the chain: it gets the stored snapshot, marked stale.
    const stale = await app.ask({ method: 'POST', path: `/api/portfolio/${wallet}/refresh` });
    const cached = await app.ask({ path: `/api/portfolio/${wallet}` });
    const summary = await app.ask({ path: `/api/portfolio/${wallet}/summary` });
    const neverStored = await app.ask({ path: `/api/portfolio/${freshWallet()}` });
    const prices = await app.ask({ path: '/api/prices?ids=sei-network' });
    acknowledged += await createAlerts(app, token, 2);
    await app.waitForCheck('rpc', 'down');
    const health = await app.ask({ path: '/health' });

    rpc.setFailing(false);
    let last: unknown;
    const fresh = await waitUntil(
      async () => {
        const answer = await app.ask({ method: 'POST', path: `/api/portfolio/${wallet}/refresh` });
        last = answer.json;
        return isFresh(answer) ? answer : undefined;
      },
      20_000,
      () => `a fresh read once the RPC is back; last answer ${JSON.stringify(last)}`,
    );
    await app.waitForCheck('rpc', 'up');

    const answers = app.takeAnswers();
    const rows = await app.rowsOf(account.address);
    recordFaultOutcome(`RPC ${label}`, answers, acknowledged - rows.alerts);
    expect(isFresh(stored)).toBe(true);
    expect([stale.status, dataOf(stale)?.['walletAddress'], dataOf(stale)?.['stale']]).toEqual([200, wallet, true]);
    expect([cached.status, summary.status]).toEqual([200, 200]);
    expect([neverStored.status, errorCodeOf(neverStored)]).toEqual([503, 'RPC_UNAVAILABLE']);
    expect(prices.status).toBe(200);
    expect([health.status, dataOf(health)?.['status']]).toEqual([200, 'degraded']);
    expect(dataOf(fresh)?.['walletAddress']).toBe(wallet);
    expect(brokenAnswers(answers, RPC_DOWN_503S)).toEqual([]);
    expect(acknowledged).toBe(4);
    expect(rows).toEqual({ alerts: 4, sessions: 1 });
    expect(app.isRunning()).toBe(true);
  });
});
