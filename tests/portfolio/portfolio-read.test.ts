import request from 'supertest';
import { formatUnits, parseEther, type Address } from 'viem';
import { privateKeyToAccount, generatePrivateKey } from 'viem/accounts';
import type { RunningServer } from '../../src/main';
import { associateSeiAddress, deployBrokenToken, mintTokens, type TestToken, deployTestTokens } from '../support/devnet';
import { startAppOnHarness, startChainHarness, tokenSpecs, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';

const freshWallet = (): Address => privateKeyToAccount(generatePrivateKey()).address;
const priceOf = (i: number) => Math.round((0.5 + i * 1.37) * 100) / 100;

describe('reading a wallet from the chain', () => {
  let h: ChainHarness;
  let tokens40: ReadonlyArray<TestToken>;
  let app40: RunningServer;
  let app5: RunningServer;
  let broken: TestToken;
  const registries: Array<() => void> = [];

  beforeAll(async () => {
    h = await startChainHarness();
    tokens40 = await deployTestTokens(h.devnet, tokenSpecs(40));
    broken = await deployBrokenToken(h.devnet, { symbol: 'BRK', name: 'Broken', decimals: 18 });
    tokens40.forEach((tk, i) => h.gecko.setPrice({ platform: 'sei-v2', address: tk.address, usd: priceOf(i), change24h: i % 5 }));
    h.gecko.setPrice({ id: 'sei-network', usd: 0.25, change24h: -1.5 });
    const entry = (tk: TestToken) => ({ address: tk.address, symbol: tk.symbol, name: tk.name, decimals: tk.decimals, coingeckoId: null });
    const r40 = writeRegistryFile({ tokens: [...tokens40.map(entry), entry(broken)] });
    const r5 = writeRegistryFile({ tokens: tokens40.slice(0, 5).map(entry) });
    registries.push(r40.remove, r5.remove);
    app40 = await startAppOnHarness(h, r40.file);
    app5 = await startAppOnHarness(h, r5.file);
  });
  afterAll(async () => {
    await Promise.all([app40.shutdown('done'), app5.shutdown('done')]);
    await h.stop();
    registries.forEach((remove) => remove());
  });

  it('shares one chain read and one pricing call among 100 concurrent cold requests, then serves from cache', async () => {
    const wallet = freshWallet();
    await mintTokens(h.devnet, [{ token: tokens40[0]?.address ?? '0x', to: wallet, amount: 10n ** 6n }]);
    // First test of the file: no price is cached yet.
    h.proxy.reset();
    const responses = await Promise.all(Array.from({ length: 100 }, () => request(app40.app).get(`/api/portfolio/${wallet}`)));
    expect(responses.map((r) => r.status)).toEqual(Array(100).fill(200));
    expect(h.proxy.stats().httpRequests).toBe(1);
    expect(h.gecko.requestCount('/simple/token_price')).toBe(1);
    expect(h.gecko.requestCount('/simple/price')).toBe(1);
    const after = await request(app40.app).get(`/api/portfolio/${wallet}`);
    expect(after.body.data.cachedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(h.proxy.stats().httpRequests).toBe(1);
    // The metrics saw one fresh read of one round trip.
    const { values } = await app40.metrics.portfolioReadRoundTrips.get();
    const totals = values.filter((v) => !v.metricName?.endsWith('_bucket')).map((v) => [v.metricName, v.value]);
    expect(totals).toEqual([
      ['portfolio_read_chain_round_trips_sum', 1],
      ['portfolio_read_chain_round_trips_count', 1],
    ]);
  });

  it('returns every balance exactly, values it at the feed price, and totals the priced values', async () => {
    const wallet = freshWallet();
    await h.devnet.setBalance(wallet, parseEther('12.5'));
    const amounts = tokens40.map((tk, i) => BigInt(i + 1) * 10n ** BigInt(tk.decimals) + BigInt(i * 7919));
    await mintTokens(h.devnet, tokens40.map((tk, i) => ({ token: tk.address, to: wallet, amount: amounts[i] ?? 0n })));

    const res = await request(app40.app).get(`/api/portfolio/${wallet.toLowerCase()}`);
    expect(res.status).toBe(200);
    const p = res.body.data;
    expect(p.walletAddress).toBe(wallet);
    expect(p.chainId).toBe(1329);
    expect(p.blockNumber).toBe(Number(await h.devnet.publicClient.getBlockNumber()));
    expect(p.tokenBalances).toHaveLength(41);
    const native = p.tokenBalances[0];
    expect(native).toEqual({
      token: 'native', symbol: 'SEI', name: 'Sei', decimals: 18, balance: '12500000000000000000', balanceFormatted: '12.5',
      priceUSD: 0.25, valueUSD: 3.125, change24h: -1.5, priceSource: 'coingecko', priceStale: false,
    });
    tokens40.forEach((tk, i) => {
      const b = p.tokenBalances.find((x: { token: string }) => x.token === tk.address);
      const amount = amounts[i] ?? 0n;
      expect(b.balance).toBe(amount.toString());
      expect(b.balanceFormatted).toBe(formatUnits(amount, tk.decimals));
      expect(b.decimals).toBe(tk.decimals);
      expect(b.priceUSD).toBe(priceOf(i));
      expect(b.valueUSD).toBeCloseTo(Number(formatUnits(amount, tk.decimals)) * priceOf(i), 4);
    });
    const sum = p.tokenBalances.reduce((s: number, b: { valueUSD: number }) => s + b.valueUSD, 0);
    expect(p.totalValueUSD).toBeCloseTo(sum, 3);
    expect(p.netWorthUSD).toBe(p.totalValueUSD);
    expect(p.unpricedTokens).toBe(0);
    expect(p.lendingPositions).toEqual([]);
    expect(p.liquidityPositions).toEqual([]);
    expect(p.healthFactor).toBeNull();
    expect(p.warnings).toEqual([{ source: 'erc20:BRK', message: `balanceOf failed for BRK (${broken.address})` }]);
  });

  it('costs one chain HTTP request for a cold read, for 5 tokens as for 40', async () => {
    const counts: number[] = [];
    for (const app of [app5, app40]) {
      h.proxy.reset();
      const res = await request(app.app).get(`/api/portfolio/${freshWallet()}`);
      expect(res.status).toBe(200);
      counts.push(h.proxy.stats().httpRequests);
      expect(h.proxy.stats().methods).toEqual({ eth_call: 1 });
    }
    expect(counts).toEqual([1, 1]);
  });

  it('answers 304 to a client that already has this exact portfolio', async () => {
    const wallet = freshWallet();
    const first = await request(app40.app).get(`/api/portfolio/${wallet}`);
    const second = await request(app40.app).get(`/api/portfolio/${wallet}`);
    const third = await request(app40.app).get(`/api/portfolio/${wallet}`).set('If-None-Match', String(second.headers['etag']));
    expect(first.headers['etag']).not.toBe(second.headers['etag']);
    expect(third.status).toBe(304);
  });

  it('leaves a token nobody prices out of the totals and counts it', async () => {
    const wallet = freshWallet();
    const tk = tokens40[3];
    if (tk === undefined) throw new Error('no token');
    h.gecko.removePrice({ platform: 'sei-v2', address: tk.address });
    await mintTokens(h.devnet, [{ token: tk.address, to: wallet, amount: 5n * 10n ** BigInt(tk.decimals) }]);
    const p = (await request(app5.app).get(`/api/portfolio/${wallet}`)).body.data;
    const b = p.tokenBalances.find((x: { token: string }) => x.token === tk.address);
    expect(b.priceUSD).toBeNull();
    expect(b.valueUSD).toBeNull();
    expect(p.unpricedTokens).toBe(1);
    expect(p.totalValueUSD).toBe(0);
  });

  it('reads caller-added tokens with metadata from the chain, bounded in number', async () => {
    const wallet = freshWallet();
    const extra = tokens40[30];
    if (extra === undefined) throw new Error('no token');
    await mintTokens(h.devnet, [{ token: extra.address, to: wallet, amount: 3n * 10n ** BigInt(extra.decimals) }]);
    const res = await request(app5.app).get(`/api/portfolio/${wallet}?tokens=${extra.address.toLowerCase()}`);
    const b = res.body.data.tokenBalances.find((x: { token: string }) => x.token === extra.address);
    expect(b).toMatchObject({ symbol: extra.symbol, name: extra.name, decimals: extra.decimals, balanceFormatted: '3' });
    const tooMany = Array.from({ length: 21 }, () => freshWallet()).join(',');
    const bad = await request(app5.app).get(`/api/portfolio/${wallet}?tokens=${tooMany}`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.details).toEqual([{ path: 'query.tokens', expected: 'at most 20 token addresses' }]);
  });

  it('resolves sei1 addresses through the Addr precompile; unassociated is 422, garbage is 400', async () => {
    const wallet = freshWallet();
    const sei1 = 'sei1qy352eufqy352eufqy352eufqy352eufs8zd3m';
    await associateSeiAddress(h.devnet, sei1, wallet);
    const ok = await request(app5.app).get(`/api/portfolio/${sei1}`);
    expect(ok.status).toBe(200);
    expect(ok.body.data.walletAddress).toBe(wallet);
    const unassociated = await request(app5.app).get('/api/portfolio/sei1zg69v7yszg69v7yszg69v7yszg69v7ys8xdv96');
    expect(unassociated.status).toBe(422);
    expect(unassociated.body.error.code).toBe('ADDRESS_NOT_ASSOCIATED');
    const garbage = await request(app5.app).get('/api/portfolio/not-an-address');
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.code).toBe('INVALID_ADDRESS');
  });

  it('answers the compatibility routes exactly like the canonical ones', async () => {
    const wallet = freshWallet();
    await mintTokens(h.devnet, [{ token: tokens40[1]?.address ?? '0x', to: wallet, amount: 3n * 10n ** 8n }]);
    const fresh = await request(app5.app).get(`/api/portfolio/${wallet}`);
    expect(fresh.status).toBe(200);
    // Both routes now answer from the same cached read: the whole bodies are equal.
    const compat = await request(app5.app).get(`/api/portfolio/data?walletAddress=${wallet}`);
    const canonical = await request(app5.app).get(`/api/portfolio/${wallet}`);
    expect([compat.status, canonical.status]).toEqual([200, 200]);
    expect(compat.body).toEqual(canonical.body);
    expect(compat.body.data.tokenBalances).toContainEqual(expect.objectContaining({ token: tokens40[1]?.address, balance: '300000000' }));
    // The fresh read differs from the cached copies only by `cachedAt`, which a cache hit adds.
    const { cachedAt, ...cachedWithoutCachedAt } = canonical.body.data;
    expect(cachedAt).toEqual(expect.stringMatching(/^\d{4}-\d\d-\d\dT/));
    expect(fresh.body).toEqual({ ...canonical.body, data: cachedWithoutCachedAt });

    const compatSummary = await request(app5.app).get(`/api/portfolio/summary?walletAddress=${wallet}`);
    const canonicalSummary = await request(app5.app).get(`/api/portfolio/${wallet}/summary`);
    expect([compatSummary.status, canonicalSummary.status]).toEqual([200, 200]);
    expect(compatSummary.body).toEqual(canonicalSummary.body);
    expect(Object.keys(compatSummary.body.data).sort()).toEqual(
      ['allocation', 'apy', 'healthFactor', 'netWorthUSD', 'totalBorrowedUSD', 'totalLiquidityUSD', 'totalSuppliedUSD', 'totalValueUSD'].sort(),
    );

    const missing = await request(app5.app).get('/api/portfolio/data');
    expect(missing.status).toBe(400);
    expect(missing.body.error.code).toBe('VALIDATION_ERROR');
  });

  it('lists the registry in use', async () => {
    const res = await request(app5.app).get('/api/tokens');
    expect(res.body.data.chainId).toBe(1329);
    expect(res.body.data.tokens.map((t: { symbol: string }) => t.symbol)).toEqual(['TK0', 'TK1', 'TK2', 'TK3', 'TK4']);
  });
});
