import request from 'supertest';
import { parseUnits } from 'viem';
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { mintTokens, testTokenAbi, type TestToken, deployTestTokens } from '../support/devnet';
import { startAppOnHarness, startChainHarness, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import { makeTestClock } from '../support/test-clock';


describe('history and performance from snapshots', () => {
  let h: ChainHarness;
  let tkn: TestToken;
  let app: RunningServer;
  let removeRegistry: () => void;
  const clock = makeTestClock();

  beforeAll(async () => {
    h = await startChainHarness();
    const [deployed] = await deployTestTokens(h.devnet, [{ symbol: 'TKN', name: 'Token', decimals: 18 }]);
    if (deployed === undefined) throw new Error('no token');
    tkn = deployed;
    const registry = writeRegistryFile({ tokens: [{ address: tkn.address, symbol: 'TKN', decimals: 18 }] });
    removeRegistry = registry.remove;
    app = await startAppOnHarness(h, registry.file, { CACHE_TTL_PRICES: '1', REFRESH_RATE_LIMIT_MAX: '100' }, { now: clock.now });
  });
  afterAll(async () => {
    await app.shutdown('done');
    await h.stop();
    removeRegistry();
  });

  it('turns mint, price move, deposit, price move, withdrawal into the hand-worked TWR, market PnL and flows', async () => {
    // Native SEI pays the gas of the withdrawal; it has no price here, so it stays out of every figure.
    // A fresh wallet each run: the snapshot table outlives test runs.
    const wallet = privateKeyToAccount(generatePrivateKey()).address;
    await h.devnet.setBalance(wallet, parseUnits('1', 18));
    const owner = { walletClient: await h.devnet.impersonate(wallet) };
    const setPrice = async (usd: number) => {
      h.gecko.setPrice({ platform: 'sei-v2', address: tkn.address, usd });
      clock.advance(1001); // the cached price (CACHE_TTL_PRICES=1) expires
    };
    const refresh = async () => (await request(app.app).post(`/api/portfolio/${wallet}/refresh`).expect(200)).body.data.totalValueUSD as number;

    await setPrice(1);
    await mintTokens(h.devnet, [{ token: tkn.address, to: wallet, amount: parseUnits('100', 18) }]);
    expect(await refresh()).toBe(100); // V0 = 100 TKN x $1
    await setPrice(2);
    expect(await refresh()).toBe(200); // r1 = +100%: market PnL +100
    await mintTokens(h.devnet, [{ token: tkn.address, to: wallet, amount: parseUnits('100', 18) }]);
    expect(await refresh()).toBe(400); // deposit of 100 TKN at $2: a flow of +200, r2 = 0
    await setPrice(1.5);
    expect(await refresh()).toBe(300); // r3 = 200 x -0.5 / 400 = -25%: market PnL -100
    await owner.walletClient.writeContract({ address: tkn.address, abi: testTokenAbi, functionName: 'transfer', args: [h.devnet.accounts[8]?.address ?? wallet, parseUnits('50', 18)], chain: h.devnet.chain, account: wallet });
    expect(await refresh()).toBe(225); // withdrawal of 50 TKN at $1.5: a flow of -75, r4 = 0

    const perf = (await request(app.app).get(`/api/portfolio/${wallet}/performance?range=1d`).expect(200)).body.data;
    // TWR = (1 + 1)(1 + 0)(1 - 0.25)(1 + 0) - 1 = 0.5; market PnL = 100 + 0 - 100 + 0 = 0;
    // net flows = (225 - 100) - 0 = 125 (+200 deposit, -75 withdrawal); drawdown from the peak index 2 to 1.5 = 25%.
    expect(perf).toMatchObject({ range: '1d', startValueUSD: 100, endValueUSD: 225, marketPnlUSD: 0, netFlowsUSD: 125, maxDrawdown: 0.25 });
    expect(perf.timeWeightedReturn).toBeCloseTo(0.5, 10);
    expect(perf.byAsset).toEqual([expect.objectContaining({ symbol: 'TKN', pnlUSD: 0 })]);

    const history = (await request(app.app).get(`/api/portfolio/${wallet}/history?range=1d`).expect(200)).body.data;
    expect(history.range).toBe('1d');
    expect(history.points.map((p: { totalValueUSD: number }) => p.totalValueUSD)).toEqual([100, 200, 400, 300, 225]);

    const bad = await request(app.app).get(`/api/portfolio/${wallet}/history?range=2w`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('query.range');
  });
});
