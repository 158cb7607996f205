import { createPublicClient, http, parseAbi } from 'viem';
import { startRpcCountingProxy } from '../rpc-counting-proxy';
import { waitUntil } from '../wait-until';
import { ADDR_PRECOMPILE_ADDRESS, MULTICALL3_ADDRESS } from './sei-addresses';
import { startDevnet } from './start-devnet';

const multicall3Abi = parseAbi(['function getChainId() view returns (uint256 chainid)']);

const tcpHandles = (): number =>
  process.getActiveResourcesInfo().filter((resource) => resource === 'TCPSocketWrap' || resource === 'TCPServerWrap').length;

// Sockets destroyed a moment ago leave the list asynchronously: wait until none is left beyond the baseline.
const noneLeftOpenBeyond = (baseline: number): Promise<true> =>
  waitUntil(() => (tcpHandles() <= baseline ? true : undefined), 5_000, () => `${tcpHandles()} TCP handles open, ${baseline} before`);

// Kept apart from devnet.test.ts so the open-socket count starts from this file's own baseline.
describe('devnet shutdown', () => {
  it('stops on demand: requests then fail with a connection error, the proxy answers 502, and no socket stays open', async () => {
    const handlesBefore = tcpHandles();
    const devnet = await startDevnet({ chainId: 31337, seiPredeploys: false });
    const proxy = await startRpcCountingProxy(devnet.url);
    try {
      const client = createPublicClient({ chain: devnet.chain, transport: http(proxy.url, { retryCount: 0 }) });
      expect(await client.getChainId()).toBe(31337);
      expect(await devnet.publicClient.getCode({ address: MULTICALL3_ADDRESS })).toBeUndefined();

      await devnet.stop();
      await devnet.stop();
      await expect(devnet.request('eth_chainId')).rejects.toThrow(/fetch failed/);
      await expect(client.getChainId()).rejects.toMatchObject({ name: 'HttpRequestError', status: 502 });
    } finally {
      await proxy.stop();
      await devnet.stop();
    }
    await noneLeftOpenBeyond(handlesBefore);
  });

  it('runs as a child `hardhat node` process with the same chain, predeploys and clean stop', async () => {
    const handlesBefore = tcpHandles();
    const devnet = await startDevnet({ mode: 'child-process', chainId: 1328 });
    try {
      expect(devnet.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await devnet.publicClient.readContract({ address: MULTICALL3_ADDRESS, abi: multicall3Abi, functionName: 'getChainId' })).toBe(1328n);
      expect(await devnet.publicClient.getBalance({ address: devnet.accounts[0]?.address ?? MULTICALL3_ADDRESS })).toBe(10_000n * 10n ** 18n);
      await expect(devnet.request('eth_call', [{ to: ADDR_PRECOMPILE_ADDRESS, data: '0x12345678' }, 'latest'])).rejects.toMatchObject({
        code: 3,
      });
    } finally {
      await devnet.stop();
    }
    await expect(devnet.request('eth_chainId')).rejects.toThrow(/fetch failed/);
    await noneLeftOpenBeyond(handlesBefore);
  });
});
