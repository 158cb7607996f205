import { createPublicClient, http, parseAbi, type Address } from 'viem';
import { startRpcCountingProxy, type RpcCountingProxy } from '../rpc-counting-proxy';
import { makeJsonRpcClient } from './json-rpc-client';
import { startDevnet, type Devnet } from './start-devnet';

const erc20Abi = parseAbi(['function balanceOf(address) view returns (uint256)']);

describe('rpc counting proxy', () => {
  let devnet: Devnet;
  let proxy: RpcCountingProxy;

  beforeAll(async () => {
    devnet = await startDevnet({ seiPredeploys: false });
    proxy = await startRpcCountingProxy(devnet.url);
  });

  afterAll(async () => {
    await proxy.stop();
    await devnet.stop();
  });

  beforeEach(() => {
    proxy.setFailing(false);
    proxy.setLatency(0);
    proxy.setCodeOnlyCalls('forward');
    proxy.reset();
  });

  const client = (options: { timeout?: number } = {}) =>
    createPublicClient({ chain: devnet.chain, transport: http(proxy.url, { retryCount: 0, ...options }) });

  it('forwards a JSON-RPC batch in one HTTP request and counts every call in it', async () => {
    const holder = devnet.accounts[1]?.address ?? '0x';
    const answers = await makeJsonRpcClient(proxy.url).batch([
      { method: 'eth_chainId' },
      { method: 'eth_getBalance', params: [holder, 'latest'] },
      { method: 'eth_chainId' },
    ]);

    expect(answers).toEqual(['0x531', '0x21e19e0c9bab2400000', '0x531']);
    expect(proxy.stats()).toEqual({
      httpRequests: 1,
      rpcCalls: 3,
      methods: { eth_chainId: 2, eth_getBalance: 1 },
      ethCalls: 0,
      ethCallTargets: {},
      codeOnlyCalls: 0,
      batchSizes: [3],
      failedRequests: 0,
    });
  });

  it('counts eth_call per target address, and reset zeroes everything', async () => {
    const token: Address = '0x00000000000000000000000000000000000000aa';
    const other: Address = '0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC';
    await client().readContract({ address: token, abi: erc20Abi, functionName: 'balanceOf', args: [token] }).catch(() => undefined);
    await client().call({ to: other, data: '0x' });
    await client().call({ to: other, data: '0x' });

    const stats = proxy.stats();
    expect([stats.httpRequests, stats.ethCalls, stats.methods.eth_call]).toEqual([3, 3, 3]);
    expect(stats.ethCallTargets).toEqual({ [token]: 1, [other.toLowerCase()]: 2 });

    proxy.reset();
    expect(proxy.stats()).toEqual({ httpRequests: 0, rpcCalls: 0, methods: {}, ethCalls: 0, ethCallTargets: {}, codeOnlyCalls: 0, batchSizes: [], failedRequests: 0 });
  });

  it('answers 503 while failing, counts the failures, and recovers', async () => {
    proxy.setFailing(true);
    await expect(client().getBlockNumber()).rejects.toMatchObject({ name: 'HttpRequestError', status: 503 });
    expect(proxy.stats()).toMatchObject({ httpRequests: 1, failedRequests: 1, methods: { eth_blockNumber: 1 } });

    proxy.setFailing(false);
    expect(await client().getChainId()).toBe(1329);
    expect(proxy.stats()).toMatchObject({ httpRequests: 2, failedRequests: 1 });
  });

  it('drops connections in drop-connection mode', async () => {
    proxy.setFailing(true, 'drop-connection');
    const error = await client().getBlockNumber().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'HttpRequestError', status: undefined });
    expect(proxy.stats().failedRequests).toBe(1);
  });

  it('never answers in hang mode, so clients time out, until failing is switched off', async () => {
    proxy.setFailing(true, 'hang');
    await expect(client({ timeout: 200 }).getBlockNumber()).rejects.toMatchObject({ name: 'TimeoutError' });

    proxy.setFailing(false);
    expect(await client().getChainId()).toBe(1329);
  });

  it('answers 200 with a body that is not JSON in not-json mode, and the same junk result for every call of a batch in junk-results mode', async () => {
    proxy.setFailing(true, 'not-json');
    const notJson = await fetch(proxy.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"jsonrpc":"2.0","id":1,"method":"eth_chainId"}' });
    expect([notJson.status, notJson.headers.get('content-type'), await notJson.text()]).toEqual([200, 'text/html', '<html><body>Gateway says hello</body></html>']);

    proxy.setFailing(true, 'junk-results');
    const batch = [
      { jsonrpc: '2.0', id: 7, method: 'eth_chainId' },
      { jsonrpc: '2.0', id: 8, method: 'eth_blockNumber' },
    ];
    const junk = await fetch(proxy.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(batch) });
    expect([junk.status, await junk.json()]).toEqual([
      200,
      [
        { jsonrpc: '2.0', id: 7, result: '0xdeadbeef' },
        { jsonrpc: '2.0', id: 8, result: '0xdeadbeef' },
      ],
    ]);
    expect(proxy.stats()).toMatchObject({ httpRequests: 2, failedRequests: 2, rpcCalls: 3 });
  });

  it('refuses or garbles eth_calls without `to` while forwarding the rest of their batch, and counts them', async () => {
    // Creation code that returns one byte 0x2a as the deployed code: PUSH1 2a, PUSH1 0, MSTORE8, PUSH1 1, PUSH1 0, RETURN.
    const codeOnly = { method: 'eth_call', params: [{ data: '0x602a60005360016000f3' }, 'latest'] };
    const rpc = makeJsonRpcClient(proxy.url);
    expect(await rpc.batch([codeOnly, { method: 'eth_chainId' }])).toEqual(['0x2a', '0x531']);

    proxy.setCodeOnlyCalls('garbage');
    expect(await rpc.batch([codeOnly, { method: 'eth_chainId' }])).toEqual(['0x1234', '0x531']);

    proxy.setCodeOnlyCalls('refuse');
    expect(await rpc.request('eth_chainId')).toBe('0x531');
    await expect(rpc.request(codeOnly.method, codeOnly.params)).rejects.toMatchObject({ code: -32602, message: 'eth_call failed (-32602): invalid argument 0: missing required field "to"' });
    expect(proxy.stats()).toMatchObject({ httpRequests: 4, codeOnlyCalls: 3, batchSizes: [2, 2, 1, 1] });
  });

  it('adds the configured latency before forwarding', async () => {
    proxy.setLatency(150);
    const started = performance.now();
    expect(await client().getChainId()).toBe(1329);
    expect(performance.now() - started >= 150).toBe(true);
  });
});
