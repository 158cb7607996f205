import {
  createPublicClient,
  createWalletClient,
  defineChain,
  encodeDeployData,
  getAddress,
  http,
  numberToHex,
  pad,
  type Abi,
  type Address,
  type Chain,
  type Hex,
  type HttpTransport,
  type PrivateKeyAccount,
  type PublicClient,
  type TransactionReceipt,
  type WalletClient,
} from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { DEFAULT_ACCOUNT_BALANCE, DEVNET_PRIVATE_KEYS } from './devnet-accounts';
import type { HardhatNodeConfig, HardhatNodeHandle } from './hardhat-node-config';
import { makeJsonRpcClient, type JsonRpcCall } from './json-rpc-client';
import { MULTICALL3_ADDRESS } from './sei-addresses';
import { installSeiPredeploys } from './sei-predeploys';
import { sendTransactionsTogether, type DevnetTransactionRequest } from './send-transactions-together';
import { startHardhatChildProcess } from './start-hardhat-child-process';
import { startHardhatInProcess } from './start-hardhat-in-process';
import type { ChainId } from '../../../src/domain/address/chain-id';
import { chainId as chainIdOf } from '../brands';

export interface DevnetOptions {
  /** Default 1329 (Sei mainnet), so the app under test runs with its mainnet defaults. */
  readonly chainId?: number;
  /** Default 'cancun', the newest fork whose opcodes Sei's EVM is known to run. */
  readonly hardfork?: string;
  /** Default 60,000,000. */
  readonly blockGasLimit?: number;
  /** How many well-known funded accounts (1..10). Default 10. */
  readonly accountCount?: number;
  /** Genesis balance of each account in wei. Default 10,000 * 1e18. */
  readonly accountBalance?: bigint;
  /** 'in-process' (default, boots in well under a second) or 'child-process' (`hardhat node`, own event loop). */
  readonly mode?: 'in-process' | 'child-process';
  /** Default 0: a free port. */
  readonly port?: number;
  /** Place Multicall3 and the Addr precompile stand-in at their Sei addresses. Default true. */
  readonly seiPredeploys?: boolean;
}

/** A funded devnet account: its key, a viem local account and a wallet client that signs locally. */
export interface DevnetAccount {
  readonly address: Address;
  readonly privateKey: Hex;
  readonly account: PrivateKeyAccount;
  readonly walletClient: WalletClient<HttpTransport, Chain, PrivateKeyAccount>;
}

export interface Devnet {
  readonly url: string;
  readonly wsUrl: string;
  readonly chainId: ChainId;
  /** A viem chain for this devnet, with multicall3 at its canonical address. */
  readonly chain: Chain;
  readonly publicClient: PublicClient<HttpTransport, Chain>;
  readonly accounts: ReadonlyArray<DevnetAccount>;
  /** Raw JSON-RPC (hardhat_*, evm_*, eth_*); throws JsonRpcError on an error answer. */
  readonly request: (method: string, params?: ReadonlyArray<unknown>) => Promise<unknown>;
  /** Several raw JSON-RPC calls in one HTTP request; results in order. */
  readonly batch: (calls: ReadonlyArray<JsonRpcCall>) => Promise<ReadonlyArray<unknown>>;
  /**
   * Deploys and waits for the receipt; returns the contract address. Default sender: accounts[0].
   * deployContract, sendTransaction and sendTransactionsTogether are serialised per sender, so they never race for a nonce.
   */
  readonly deployContract: (abi: Abi, bytecode: Hex, args?: ReadonlyArray<unknown>, from?: DevnetAccount) => Promise<Address>;
  /** Signs locally, sends, waits for the receipt; throws when the transaction reverts. Default sender: accounts[0]. */
  readonly sendTransaction: (request: DevnetTransactionRequest, from?: DevnetAccount) => Promise<TransactionReceipt>;
  /** Many independent transactions mined together in as few blocks as fit (see send-transactions-together.ts). */
  readonly sendTransactionsTogether: (
    requests: ReadonlyArray<DevnetTransactionRequest>,
    from?: DevnetAccount,
  ) => Promise<ReadonlyArray<TransactionReceipt>>;
  /** Replaces the runtime code at an address (hardhat_setCode). */
  readonly setCode: (address: Address, runtimeBytecode: Hex) => Promise<void>;
  readonly setStorageAt: (address: Address, slot: bigint, value: Hex | bigint) => Promise<void>;
  readonly setBalance: (address: Address, wei: bigint) => Promise<void>;
  /** Mines `blocks` empty blocks (default 1). */
  readonly mine: (blocks?: number) => Promise<void>;
  readonly setAutomine: (enabled: boolean) => Promise<void>;
  readonly getAutomine: () => Promise<boolean>;
  /** Moves the clock forward and mines one block, so reads see the new timestamp. */
  readonly increaseTime: (seconds: number) => Promise<void>;
  /** Lets transactions be sent as `address` without its key; returns a wallet client for it (it still needs gas money). */
  readonly impersonate: (address: Address) => Promise<WalletClient<HttpTransport, Chain>>;
  readonly stopImpersonating: (address: Address) => Promise<void>;
  /** evm_snapshot / evm_revert, for cheap test isolation. A snapshot id can be reverted to once. */
  readonly snapshot: () => Promise<Hex>;
  readonly revert: (snapshotId: Hex) => Promise<void>;
  /** Closes the server and every open connection; later requests fail with a connection error. Idempotent. */
  readonly stop: () => Promise<void>;
}

const DEFAULT_CHAIN_ID = 1329;
const POLLING_INTERVAL_MS = 50;

const isHex = (value: unknown): value is Hex => typeof value === 'string' && value.startsWith('0x');

/** Defines a viem chain for a devnet endpoint, with Multicall3 at its canonical address. */
export const makeDevnetChain = (chainId: number, url: string, wsUrl: string): Chain =>
  defineChain({
    id: chainId,
    name: `Sei devnet (${chainId})`,
    nativeCurrency: { name: 'Sei', symbol: 'SEI', decimals: 18 },
    rpcUrls: { default: { http: [url], webSocket: [wsUrl] } },
    contracts: { multicall3: { address: MULTICALL3_ADDRESS, blockCreated: 0 } },
    testnet: true,
  });

/**
 * Starts a Hardhat EVM on 127.0.0.1 (automine on) with funded well-known accounts, and by default
 * Sei's predeploys (Multicall3, Addr precompile stand-in). Call `stop()` in afterAll.
 */
export const startDevnet = async (options: DevnetOptions = {}): Promise<Devnet> => {
  const accountCount = options.accountCount ?? DEVNET_PRIVATE_KEYS.length;
  if (accountCount < 1 || accountCount > DEVNET_PRIVATE_KEYS.length) {
    throw new Error(`accountCount must be between 1 and ${DEVNET_PRIVATE_KEYS.length}`);
  }
  const config: HardhatNodeConfig = {
    chainId: options.chainId ?? DEFAULT_CHAIN_ID,
    hardfork: options.hardfork ?? 'cancun',
    blockGasLimit: options.blockGasLimit ?? 60_000_000,
    accountBalance: options.accountBalance ?? DEFAULT_ACCOUNT_BALANCE,
    privateKeys: DEVNET_PRIVATE_KEYS.slice(0, accountCount),
    port: options.port ?? 0,
  };
  const node: HardhatNodeHandle =
    options.mode === 'child-process' ? await startHardhatChildProcess(config) : await startHardhatInProcess(config);

  const chain = makeDevnetChain(config.chainId, node.url, node.wsUrl);
  const transport = http(node.url);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: POLLING_INTERVAL_MS });
  const accounts = config.privateKeys.map((privateKey): DevnetAccount => {
    const account = privateKeyToAccount(privateKey);
    const walletClient = createWalletClient({ account, chain, transport, pollingInterval: POLLING_INTERVAL_MS });
    return { address: account.address, privateKey, account, walletClient };
  });
  const firstAccount = accounts[0];
  if (firstAccount === undefined) throw new Error('devnet has no accounts');
  const rpc = makeJsonRpcClient(node.url);

  // One queue per sender: viem reads the pending nonce per transaction, so concurrent deploys would collide.
  const senderQueues = new Map<Address, Promise<unknown>>();
  const serialisedFor = <T>(sender: Address, task: () => Promise<T>): Promise<T> => {
    const previous = senderQueues.get(sender) ?? Promise.resolve();
    const next = previous.then(task, task);
    senderQueues.set(sender, next.catch(() => undefined));
    return next;
  };

  const sendTransaction: Devnet['sendTransaction'] = (request, from = firstAccount) =>
    serialisedFor(from.address, async () => {
      const hash = await from.walletClient.sendTransaction({
        ...(request.to === undefined ? {} : { to: request.to }),
        ...(request.data === undefined ? {} : { data: request.data }),
        ...(request.value === undefined ? {} : { value: request.value }),
        ...(request.gas === undefined ? {} : { gas: request.gas }),
      });
      const receipt = await publicClient.waitForTransactionReceipt({ hash });
      if (receipt.status !== 'success') throw new Error(`transaction ${hash} reverted`);
      return receipt;
    });

  const deployContract: Devnet['deployContract'] = async (abi, bytecode, args = [], from = firstAccount) => {
    const receipt = await sendTransaction({ data: encodeDeployData({ abi, bytecode, args }) }, from);
    if (receipt.contractAddress == null) throw new Error(`deployment ${receipt.transactionHash} created no contract`);
    return getAddress(receipt.contractAddress);
  };

  const batchingClient = createPublicClient({ chain, transport: http(node.url, { batch: { batchSize: 1_000, wait: 0 } }) });
  const sendTogether: Devnet['sendTransactionsTogether'] = (requests, from = firstAccount) =>
    serialisedFor(from.address, () => sendTransactionsTogether({ rpc, batchingClient, chainId: config.chainId }, from, requests));

  const request = async (method: string, params: ReadonlyArray<unknown> = []): Promise<void> => {
    await rpc.request(method, params);
  };

  const devnet: Devnet = {
    url: node.url,
    wsUrl: node.wsUrl,
    chainId: chainIdOf(config.chainId),
    chain,
    publicClient,
    accounts,
    request: rpc.request,
    batch: rpc.batch,
    deployContract,
    sendTransaction,
    sendTransactionsTogether: sendTogether,
    setCode: (address, runtimeBytecode) => request('hardhat_setCode', [address, runtimeBytecode]),
    setStorageAt: (address, slot, value) =>
      request('hardhat_setStorageAt', [address, numberToHex(slot), isHex(value) ? pad(value, { size: 32 }) : numberToHex(value, { size: 32 })]),
    setBalance: (address, wei) => request('hardhat_setBalance', [address, numberToHex(wei)]),
    mine: (blocks = 1) => request('hardhat_mine', [numberToHex(blocks)]),
    setAutomine: (enabled) => request('evm_setAutomine', [enabled]),
    getAutomine: async () => (await rpc.request('hardhat_getAutomine')) === true,
    increaseTime: async (seconds) => {
      await request('evm_increaseTime', [numberToHex(seconds)]);
      await request('evm_mine');
    },
    impersonate: async (address) => {
      await request('hardhat_impersonateAccount', [address]);
      return createWalletClient({ account: address, chain, transport, pollingInterval: POLLING_INTERVAL_MS });
    },
    stopImpersonating: (address) => request('hardhat_stopImpersonatingAccount', [address]),
    snapshot: async () => {
      const id = await rpc.request('evm_snapshot');
      if (!isHex(id)) throw new Error(`evm_snapshot answered ${String(id)}`);
      return id;
    },
    revert: async (snapshotId) => {
      const reverted = await rpc.request('evm_revert', [snapshotId]);
      if (reverted !== true) throw new Error(`evm_revert(${snapshotId}) answered ${String(reverted)}`);
    },
    stop: node.stop,
  };

  if (options.seiPredeploys ?? true) {
    try {
      await installSeiPredeploys(devnet);
    } catch (error) {
      await node.stop();
      throw error;
    }
  }
  return devnet;
};
