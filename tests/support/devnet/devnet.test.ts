import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  encodeFunctionData,
  http,
  parseAbi,
  parseUnits,
  webSocket,
  zeroAddress,
  type Address,
} from 'viem';
import { startRpcCountingProxy, type RpcCountingProxy } from '../rpc-counting-proxy';
import { JsonRpcError } from './json-rpc-client';
import { ADDR_PRECOMPILE_ADDRESS, MULTICALL3_ADDRESS } from './sei-addresses';
import { addrPrecompileAbi, associateSeiAddress } from './sei-predeploys';
import { startDevnet, type Devnet } from './start-devnet';
import { deployBrokenToken, deployTestTokens, installTestTokenAt, mintTokens, testTokenAbi, type TestToken } from './test-tokens';

const multicall3Abi = parseAbi([
  'struct Call3 { address target; bool allowFailure; bytes callData; }',
  'struct Result { bool success; bytes returnData; }',
  // Declared view (as viem's own multicall ABI does) so it can be read with eth_call.
  'function aggregate3(Call3[] calls) view returns (Result[] returnData)',
  'function getEthBalance(address addr) view returns (uint256 balance)',
  'function getChainId() view returns (uint256 chainid)',
  'function getBlockNumber() view returns (uint256 blockNumber)',
]);

// Set DEVNET_TIMINGS=1 to print the measured durations.
const reportTiming = (label: string, milliseconds: number): void => {
  if (process.env.DEVNET_TIMINGS === '1') console.warn(`[devnet timing] ${label}: ${milliseconds.toFixed(0)} ms`);
};

const timed = async <T>(label: string, task: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  const result = await task();
  reportTiming(label, performance.now() - started);
  return result;
};

const revertReasonOf = async (promise: Promise<unknown>): Promise<string | undefined> => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof BaseError)) throw new Error(`expected a viem error, got ${String(error)}`);
  const reverted = error.walk((cause) => cause instanceof ContractFunctionRevertedError);
  return reverted instanceof ContractFunctionRevertedError ? reverted.reason : undefined;
};

describe('devnet', () => {
  let devnet: Devnet;
  let proxy: RpcCountingProxy;
  let token: TestToken;
  const holder: Address = '0x1111111111111111111111111111111111111111';

  beforeAll(async () => {
    devnet = await timed('startDevnet (in-process, predeploys included)', () => startDevnet());
    proxy = await startRpcCountingProxy(devnet.url);
    [token] = (await deployTestTokens(devnet, [{ symbol: 'TST', name: 'Test Token', decimals: 6 }])) as [TestToken];
  });

  afterAll(async () => {
    await proxy.stop();
    await devnet.stop();
  });

  it('runs the configured chain id (Sei mainnet by default) with funded well-known accounts', async () => {
    expect(devnet.chainId).toBe(1329);
    expect(await devnet.publicClient.getChainId()).toBe(1329);
    expect(devnet.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(devnet.accounts).toHaveLength(10);
    expect(devnet.accounts[0]?.address).toBe('0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266');
    expect(await devnet.publicClient.getBalance({ address: devnet.accounts[9]?.address ?? zeroAddress })).toBe(10_000n * 10n ** 18n);
  });

  it('deploys a token that reports its metadata and mints with a Transfer event', async () => {
    await mintTokens(devnet, [{ token: token.address, to: holder, amount: parseUnits('1234.5', 6) }]);

    const read = (functionName: 'name' | 'symbol' | 'decimals' | 'totalSupply') =>
      devnet.publicClient.readContract({ address: token.address, abi: testTokenAbi, functionName });
    expect([await read('name'), await read('symbol'), await read('decimals'), await read('totalSupply')]).toEqual([
      'Test Token',
      'TST',
      6,
      1_234_500_000n,
    ]);
    expect(await devnet.publicClient.readContract({ address: token.address, abi: testTokenAbi, functionName: 'balanceOf', args: [holder] })).toBe(
      1_234_500_000n,
    );
    const transfers = await devnet.publicClient.getContractEvents({ address: token.address, abi: testTokenAbi, eventName: 'Transfer', fromBlock: 0n });
    expect(transfers.map((log) => log.args)).toEqual([{ from: zeroAddress, to: holder, value: 1_234_500_000n }]);
  });

  it('answers aggregate3 (getEthBalance + balanceOf, one broken call allowed to fail) in one HTTP request through the proxy', async () => {
    const wallet: Address = '0x2222222222222222222222222222222222222222';
    await devnet.setBalance(wallet, 123_456_789n);
    await mintTokens(devnet, [{ token: token.address, to: wallet, amount: 42n }]);
    const broken = await deployBrokenToken(devnet, { symbol: 'BRK', name: 'Broken', decimals: 18 });
    const client = createPublicClient({ chain: devnet.chain, transport: http(proxy.url) });
    proxy.reset();

    const results = await client.multicall({
      multicallAddress: MULTICALL3_ADDRESS,
      allowFailure: true,
      contracts: [
        { address: MULTICALL3_ADDRESS, abi: multicall3Abi, functionName: 'getEthBalance', args: [wallet] },
        { address: token.address, abi: testTokenAbi, functionName: 'balanceOf', args: [wallet] },
        { address: broken.address, abi: testTokenAbi, functionName: 'balanceOf', args: [wallet] },
        { address: broken.address, abi: testTokenAbi, functionName: 'decimals' },
        { address: MULTICALL3_ADDRESS, abi: multicall3Abi, functionName: 'getChainId' },
      ],
    });

    expect(results[0]).toEqual({ status: 'success', result: 123_456_789n });
    expect(results[1]).toEqual({ status: 'success', result: 42n });
    expect(results[2]?.status).toBe('failure');
    expect(results[3]).toEqual({ status: 'success', result: 18 });
    expect(results[4]).toEqual({ status: 'success', result: 1329n });
    const stats = proxy.stats();
    expect(stats.httpRequests).toBe(1);
    expect(stats.methods).toEqual({ eth_call: 1 });
    expect(stats.ethCallTargets).toEqual({ [MULTICALL3_ADDRESS.toLowerCase()]: 1 });
  });

  it('reverts aggregate3 when a call that may not fail fails', async () => {
    const broken = await deployBrokenToken(devnet, { symbol: 'BRK2', name: 'Broken 2', decimals: 18 });
    const reason = await revertReasonOf(
      devnet.publicClient.readContract({
        address: MULTICALL3_ADDRESS,
        abi: multicall3Abi,
        functionName: 'aggregate3',
        args: [
          [
            {
              target: broken.address,
              allowFailure: false,
              callData: encodeFunctionData({ abi: testTokenAbi, functionName: 'balanceOf', args: [holder] }),
            },
          ],
        ],
      }),
    );
    expect(reason).toBe('Multicall3: call failed');
  });

  it('resolves an associated sei1 address through the Addr precompile stand-in, and reverts for unassociated ones', async () => {
    const seiAddress = 'sei1x2xgvs6dzdqcfjpqucwn5x2fst8m6tc8pnhmdt';
    const evmAddress: Address = '0x3333333333333333333333333333333333333333';
    await associateSeiAddress(devnet, seiAddress, evmAddress);

    const addr = { address: ADDR_PRECOMPILE_ADDRESS, abi: addrPrecompileAbi } as const;
    expect(await devnet.publicClient.readContract({ ...addr, functionName: 'getEvmAddr', args: [seiAddress] })).toBe(evmAddress);
    expect(await devnet.publicClient.readContract({ ...addr, functionName: 'getSeiAddr', args: [evmAddress] })).toBe(seiAddress);
    expect(
      await revertReasonOf(
        devnet.publicClient.readContract({ ...addr, functionName: 'getEvmAddr', args: ['sei1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq'] }),
      ),
    ).toBe('no associated evm address');
    expect(
      await revertReasonOf(
        devnet.publicClient.readContract({ ...addr, functionName: 'getSeiAddr', args: ['0x4444444444444444444444444444444444444444'] }),
      ),
    ).toBe('no associated sei address');
  });

  it('answers a revert like geth (code 3 with the reason), so viem does not retry it', async () => {
    const client = createPublicClient({ chain: devnet.chain, transport: http(proxy.url) });
    proxy.reset();
    const reason = await revertReasonOf(
      client.readContract({ address: ADDR_PRECOMPILE_ADDRESS, abi: addrPrecompileAbi, functionName: 'getEvmAddr', args: ['sei1nobody'] }),
    );
    expect(reason).toBe('no associated evm address');
    expect(proxy.stats().methods).toEqual({ eth_call: 1 });

    const raw = await devnet.request('eth_call', [{ to: ADDR_PRECOMPILE_ADDRESS, data: '0x12345678' }, 'latest']).catch((error: unknown) => error);
    expect(raw).toBeInstanceOf(JsonRpcError);
    expect(raw).toMatchObject({ code: 3, message: 'eth_call failed (3): execution reverted' });
  });

  it('mines a reverting transaction with status reverted instead of refusing it', async () => {
    const sender = devnet.accounts[3];
    if (sender === undefined) throw new Error('missing account');
    const hash = await sender.walletClient.writeContract({
      address: token.address,
      abi: testTokenAbi,
      functionName: 'transfer',
      args: [holder, 1n],
      gas: 100_000n,
    });
    expect((await devnet.publicClient.waitForTransactionReceipt({ hash })).status).toBe('reverted');
  });

  it('deploys 40 tokens together, each with its own metadata', async () => {
    const specs = Array.from({ length: 40 }, (_, i) => ({ symbol: `T${i}`, name: `Token number ${i}`, decimals: i % 19 }));
    const tokens = await timed('deployTestTokens x40', () => deployTestTokens(devnet, specs));

    expect(new Set(tokens.map((t) => t.address)).size).toBe(40);
    const onChain = await devnet.publicClient.multicall({
      allowFailure: false,
      contracts: tokens.flatMap((t) => [
        { address: t.address, abi: testTokenAbi, functionName: 'symbol' } as const,
        { address: t.address, abi: testTokenAbi, functionName: 'decimals' } as const,
      ]),
    });
    expect(onChain).toEqual(specs.flatMap((spec) => [spec.symbol, spec.decimals]));
    expect(await devnet.getAutomine()).toBe(true);
  });

  it('places a working token at a fixed address, long names included', async () => {
    const usdc: Address = '0xe15fC38F6D8c56aF07bbCBe3BAf5708A2Bf42392';
    const name = 'USD Coin bridged to Sei through a very long route name';
    await installTestTokenAt(devnet, usdc, { symbol: 'USDC', name, decimals: 6 });
    await mintTokens(devnet, [{ token: usdc, to: holder, amount: 5_000_000n }]);

    const results = await devnet.publicClient.multicall({
      allowFailure: false,
      contracts: [
        { address: usdc, abi: testTokenAbi, functionName: 'name' },
        { address: usdc, abi: testTokenAbi, functionName: 'symbol' },
        { address: usdc, abi: testTokenAbi, functionName: 'decimals' },
        { address: usdc, abi: testTokenAbi, functionName: 'balanceOf', args: [holder] },
      ],
    });
    expect(results).toEqual([name, 'USDC', 6, 5_000_000n]);
  });

  it('mines blocks, moves time, and reverts to snapshots', async () => {
    const before = await devnet.publicClient.getBlock();
    const snapshot = await devnet.snapshot();
    await devnet.mine(5);
    await devnet.increaseTime(3_600);
    const after = await devnet.publicClient.getBlock();
    expect(after.number).toBe(before.number + 6n);
    expect(after.timestamp - before.timestamp >= 3_600n).toBe(true);

    await devnet.revert(snapshot);
    expect(await devnet.publicClient.getBlockNumber()).toBe(before.number);
  });

  it('serves WebSocket subscriptions (newHeads) on the same port', async () => {
    const wsClient = createPublicClient({ chain: devnet.chain, transport: webSocket(devnet.wsUrl, { reconnect: false }) });
    const start = await devnet.publicClient.getBlockNumber();
    const seen: bigint[] = [];
    const unwatch = wsClient.watchBlockNumber({ onBlockNumber: (blockNumber) => seen.push(blockNumber) });
    // eth_subscribe is registered asynchronously: mine until two heads arrived rather than guessing a delay.
    for (let attempt = 0; attempt < 100 && seen.length < 2; attempt++) {
      await devnet.mine(1);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    unwatch();
    (await wsClient.transport.getRpcClient()).close();

    expect(seen).toHaveLength(2);
    const [first, second] = seen as [bigint, bigint];
    expect(first > start).toBe(true);
    expect(second).toBe(first + 1n);
  });

  it('lets an impersonated address send transactions', async () => {
    const whale: Address = '0x5555555555555555555555555555555555555555';
    await devnet.setBalance(whale, 10n ** 18n);
    await mintTokens(devnet, [{ token: token.address, to: whale, amount: 1_000n }]);
    const wallet = await devnet.impersonate(whale);
    const hash = await wallet.writeContract({ address: token.address, abi: testTokenAbi, functionName: 'transfer', args: [holder, 400n], account: whale });
    await devnet.publicClient.waitForTransactionReceipt({ hash });
    await devnet.stopImpersonating(whale);

    expect(await devnet.publicClient.readContract({ address: token.address, abi: testTokenAbi, functionName: 'balanceOf', args: [whale] })).toBe(600n);
  });
});
