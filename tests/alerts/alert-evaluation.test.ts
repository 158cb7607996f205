import * as E from 'fp-ts/Either';
import * as T from 'fp-ts/Task';
import request from 'supertest';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { WalletAddress } from '../../src/domain/address/wallet-address';
import type { RiskAlertPayload } from '../../src/domain/alerts/risk-alert';
import { NATIVE_KEY, type TokenRef } from '../../src/domain/tokens/token-ref';
import { makeAlertsRepository } from '../../src/infra/db/alerts-repository';
import { makeSilentLogger } from '../../src/infra/logging/logger';
import type { RunningServer } from '../../src/main';
import { makeAlertsService, type AlertsService } from '../../src/services/alerts/alerts-service';
import type { PriceFeed } from '../../src/services/pricing/price-feed';
import { signIn } from '../auth/sign-in';
import { REAL_REDIS_URL, startTestServer } from '../support/app/start-test-server';
import { scriptedPortfolio, type PortfolioScript } from '../support/scripted-portfolio';

const NATIVE: TokenRef = { key: NATIVE_KEY, address: null, symbol: 'SEI', decimals: 18, coingeckoId: 'sei-network' };

describe('alert evaluation after fresh reads (real Postgres)', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startTestServer({ REDIS_URL: REAL_REDIS_URL });
  }, 60_000);
  afterAll(() => server.shutdown('test done'));

  /** A service as main.ts builds it, with the notifications captured instead of pushed. */
  const serviceWith = (notified: Array<[WalletAddress, RiskAlertPayload]>, priceFeed?: PriceFeed): AlertsService =>
    makeAlertsService({
      alerts: makeAlertsRepository(server.database.pool),
      notify: (wallet, alert) => notified.push([wallet, alert]),
      tokenRefOf: (input) => (input === NATIVE_KEY ? NATIVE : undefined),
      ...(priceFeed === undefined ? {} : { priceFeed }),
      maxPerWallet: 50,
      logger: makeSilentLogger(),
      now: () => new Date(),
    });

  const signedIn = async () => {
    const account = privateKeyToAccount(generatePrivateKey());
    const token = await signIn(server.app, account);
    const as = (req: request.Test) => req.set('Authorization', `Bearer ${token}`);
    return {
      wallet: account.address,
      create: async (body: object) => String((await as(request(server.app).post('/api/alerts').send(body))).body.data.id),
      list: async () => (await as(request(server.app).get('/api/alerts'))).body.data.alerts,
      events: async () => (await as(request(server.app).get('/api/alerts/events'))).body.data.events,
    };
  };

  /** Evaluates successive reads the way onFreshRead sees them: each with the read before as `previous`. */
  const readSequence = async (service: AlertsService, wallet: string, reads: ReadonlyArray<PortfolioScript>) => {
    let previous: PortfolioScript | null = null;
    for (const read of reads) {
      const outcome = await service.evaluateForPortfolio(scriptedPortfolio({ ...read, wallet }), previous === null ? null : scriptedPortfolio({ ...previous, wallet }))();
      if (E.isLeft(outcome)) throw new Error(`evaluation failed: ${JSON.stringify(outcome.left)}`);
      previous = read;
    }
  };

  const storedEvents = async (wallet: string) =>
    (await server.database.pool.query<{ alert_id: string; type: string }>('SELECT alert_id::text AS alert_id, type FROM alert_events WHERE wallet = $1 ORDER BY created_at', [wallet])).rows;

  it('fires once at HF 1.3 under 1.5, not again while it stays under, and again after recovering above and falling back', async () => {
    const me = await signedIn();
    const alertId = await me.create({ type: 'health_factor_below', threshold: 1.5 });
    const notified: Array<[WalletAddress, RiskAlertPayload]> = [];
    const service = serviceWith(notified);

    await readSequence(service, me.wallet, [{ healthFactor: 1.3 }, { healthFactor: 1.3 }, { healthFactor: 1.4 }]);
    expect(notified).toHaveLength(1);
    expect((await me.list())[0]).toMatchObject({ id: alertId, armed: false, lastTriggeredAt: expect.any(String) });

    await readSequence(service, me.wallet, [{ healthFactor: 1.8 }, { healthFactor: 1.3 }]);
    expect(notified).toHaveLength(2);
    const [wallet, payload] = notified[1] ?? [];
    expect(wallet).toBe(me.wallet);
    expect(payload).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      type: 'health_factor_below',
      severity: 'warning',
      message: 'Health factor 1.30 is below your alert threshold of 1.50: add collateral or repay debt to avoid liquidation.',
      walletAddress: me.wallet,
      metadata: { alertId, threshold: 1.5, healthFactor: 1.3 },
      timestamp: expect.any(String),
    });
    expect(await storedEvents(me.wallet)).toEqual([
      { alert_id: alertId, type: 'health_factor_below' },
      { alert_id: alertId, type: 'health_factor_below' },
    ]);
    const events = await me.events();
    expect(events.map((e: { id: string }) => e.id).sort()).toEqual(notified.map(([, p]) => p.id).sort());
  });

  it('records and pushes a trigger once when two workers evaluate the same read at the same time', async () => {
    const me = await signedIn();
    await me.create({ type: 'health_factor_below', threshold: 1.5 });
    const notified: Array<[WalletAddress, RiskAlertPayload]> = [];
    const workers = [serviceWith(notified), serviceWith(notified), serviceWith(notified)];
    const read = scriptedPortfolio({ wallet: me.wallet, healthFactor: 1.1 });
    await Promise.all(workers.map((w) => w.evaluateForPortfolio(read, null)()));
    expect(notified).toHaveLength(1);
    expect(await storedEvents(me.wallet)).toHaveLength(1);
  });

  it('pushes a change of liquidation-risk level without any rule, and stores nothing for it', async () => {
    const me = await signedIn();
    const notified: Array<[WalletAddress, RiskAlertPayload]> = [];
    await readSequence(serviceWith(notified), me.wallet, [
      { liquidationRisk: 'medium', healthFactor: 1.25 },
      { liquidationRisk: 'high', healthFactor: 1.1 },
      { liquidationRisk: 'high', healthFactor: 1.08 },
    ]);
    expect(notified.map(([, p]) => [p.type, p.severity, p.metadata])).toEqual([
      ['liquidation_risk', 'warning', { from: 'medium', to: 'high', healthFactor: 1.1, previousHealthFactor: 1.25 }],
    ]);
    expect(await storedEvents(me.wallet)).toEqual([]);
  });

  it('prices a watched token the wallet does not hold through the price feed', async () => {
    const me = await signedIn();
    await me.create({ type: 'price_below', threshold: 0.3, token: 'native' });
    const asked: string[][] = [];
    const feed: PriceFeed = {
      getPrices: (tokens) => {
        asked.push(tokens.map((tk) => tk.key));
        return T.of(new Map([[NATIVE_KEY, { usd: 0.25, change24h: null, updatedAt: new Date().toISOString(), source: 'coingecko' as const, stale: false }]]));
      },
    };
    const notified: Array<[WalletAddress, RiskAlertPayload]> = [];
    await readSequence(serviceWith(notified, feed), me.wallet, [{}]);
    expect(asked).toEqual([[NATIVE_KEY]]);
    expect(notified.map(([, p]) => p.message)).toEqual(['SEI is at $0.25, below your alert price of $0.30.']);
  });

  it('does not evaluate a stale portfolio (served from a snapshot because the chain was unreachable)', async () => {
    const me = await signedIn();
    await me.create({ type: 'health_factor_below', threshold: 1.5 });
    const notified: Array<[WalletAddress, RiskAlertPayload]> = [];
    const outcome = await serviceWith(notified).evaluateForPortfolio({ ...scriptedPortfolio({ wallet: me.wallet, healthFactor: 1.1 }), stale: true }, null)();
    expect(outcome).toEqual(E.right({ triggered: 0, rearmed: 0, failed: 0, liquidationRiskChanged: false }));
    expect(notified).toEqual([]);
  });
});
