/**
 * Tracking what the server prepared: on the Sei DeFi devnet (WETH9 as WSEI, the real Aave v3 as Yei), a wallet wraps
 * and unwraps through `POST /api/tx/wrap|unwrap`, approves and supplies to the Pool, tracks each transaction, and the
 * `transaction_update` and `GET /api/tx/:hash` name the action decoded from the registry contract and selector.
 */
import request from 'supertest';
import { encodeFunctionData, erc20Abi, parseAbi, parseEther, type Address, type Hex } from 'viem';
import type { RunningServer } from '../../src/main';
import { signIn } from '../auth/sign-in';
import { collect, connectClient, type ClientSocket } from '../realtime/support/socket-client';
import { startAppOnHarness, startChainHarness, writeRegistryFile, type ChainHarness } from '../support/app/chain-harness';
import { freshAccount, type DevnetAccount } from '../support/devnet';
import { deploySeiDefiDevnet, type SeiDefiDevnet } from '../support/sei-defi/deploy-sei-defi-devnet';
import { waitFor } from '../support/wait-until';

jest.setTimeout(180_000);

interface TxUpdate {
  readonly hash: string;
  readonly status: string;
  readonly blockNumber?: number;
  readonly action?: string;
}
interface PreparedCall {
  readonly to: Address;
  readonly data: Hex;
  readonly value: string;
  readonly gas: string;
}

const poolAbi = parseAbi(['function supply(address asset, uint256 amount, address onBehalfOf, uint16 referralCode)']);

describe('tracked transactions name their action (registry contract + selector)', () => {
  let h: ChainHarness;
  let defi: SeiDefiDevnet;
  let app: RunningServer;
  let wallet: DevnetAccount;
  let token: string;
  let socket: ClientSocket;
  let updates: TxUpdate[];
  const cleanups: Array<() => void> = [];

  const track = (hash: Hex) => request(app.app).post('/api/tx/track').set('Authorization', `Bearer ${token}`).send({ hash });
  const getTx = (hash: Hex) => request(app.app).get(`/api/tx/${hash}`).set('Authorization', `Bearer ${token}`);
  const prepared = async (action: 'wrap' | 'unwrap', amount: bigint): Promise<PreparedCall> => {
    const res = await request(app.app).post(`/api/tx/${action}`).set('Authorization', `Bearer ${token}`).send({ amount: amount.toString() });
    expect(res.status).toBe(200);
    const calls = res.body.data.transactions as ReadonlyArray<PreparedCall>;
    expect(calls).toHaveLength(1);
    return calls[0] as PreparedCall;
  };
  const send = (call: { to: Address; data: Hex; value?: bigint; gas?: bigint }): Promise<Hex> => wallet.walletClient.sendTransaction(call);
  const pushedOnce = async (hash: Hex): Promise<TxUpdate> => {
    await waitFor(`the push of ${hash}`, () => updates.some((u) => u.hash === hash));
    const mine = updates.filter((u) => u.hash === hash);
    expect(mine).toHaveLength(1);
    return mine[0] as TxUpdate;
  };

  beforeAll(async () => {
    h = await startChainHarness();
    defi = await deploySeiDefiDevnet(h.devnet);
    const registry = writeRegistryFile(defi.registry);
    cleanups.push(registry.remove);
    app = await startAppOnHarness(h, registry.file, { TX_POLL_INTERVAL_MS: '50', TX_POLL_MAX_INTERVAL_MS: '200', WATCH_POLL_INTERVAL_MS: '600000' });
    wallet = freshAccount(h.devnet);
    await h.devnet.setBalance(wallet.address, parseEther('100'));
    await defi.mint([{ token: defi.token('USDC').address, to: wallet.address, amount: 1000n * 10n ** 6n }]);
    token = await signIn(app.app, wallet.account);
    socket = await connectClient(app.url, { auth: { token } });
    updates = collect<TxUpdate>(socket, 'transaction_update');
  });

  afterAll(async () => {
    socket?.close();
    await h?.devnet.setAutomine(true);
    await app?.shutdown('done');
    await h?.stop();
    cleanups.forEach((remove) => remove());
  });

  it('a prepared wrap, tracked once mined: confirmed with action "wrap"; a prepared unwrap, tracked pending: confirmed with "unwrap"', async () => {
    const wrap = await prepared('wrap', parseEther('2'));
    const wrapped = await send({ to: wrap.to, data: wrap.data, value: BigInt(wrap.value), gas: BigInt(wrap.gas) });
    const wrapReceipt = await h.devnet.publicClient.waitForTransactionReceipt({ hash: wrapped });
    expect((await track(wrapped)).body.data).toEqual({ hash: wrapped, status: 'confirmed' });
    expect(await pushedOnce(wrapped)).toMatchObject({ status: 'confirmed', blockNumber: Number(wrapReceipt.blockNumber), action: 'wrap' });
    expect((await getTx(wrapped)).body.data).toMatchObject({ to: defi.wrappedNative.address, action: 'wrap', gasUsed: wrapReceipt.gasUsed.toString() });

    const unwrap = await prepared('unwrap', parseEther('1'));
    await h.devnet.setAutomine(false);
    const unwrapped = await send({ to: unwrap.to, data: unwrap.data, value: BigInt(unwrap.value), gas: BigInt(unwrap.gas) });
    expect((await track(unwrapped)).body.data).toEqual({ hash: unwrapped, status: 'pending' });
    // Seen in the mempool already: the action is known before it is mined.
    await waitFor('the action read from the mempool', async () => (await getTx(unwrapped)).body.data.action === 'unwrap');
    await h.devnet.mine(1);
    await h.devnet.setAutomine(true);
    expect(await pushedOnce(unwrapped)).toMatchObject({ status: 'confirmed', action: 'unwrap' });
  });

  it('an approve of a registry token and a supply to the Yei Pool: "approve" then "supply"', async () => {
    const usdc = defi.token('USDC').address;
    const amount = 250n * 10n ** 6n;
    const approved = await send({ to: usdc, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [defi.yei.pool, amount] }) });
    await h.devnet.publicClient.waitForTransactionReceipt({ hash: approved });
    const supplied = await send({ to: defi.yei.pool, data: encodeFunctionData({ abi: poolAbi, functionName: 'supply', args: [usdc, amount, wallet.address, 0] }) });
    await h.devnet.publicClient.waitForTransactionReceipt({ hash: supplied });
    await track(approved);
    await track(supplied);
    expect(await pushedOnce(approved)).toMatchObject({ status: 'confirmed', action: 'approve' });
    expect(await pushedOnce(supplied)).toMatchObject({ status: 'confirmed', action: 'supply' });
    expect((await getTx(supplied)).body.data).toMatchObject({ from: wallet.address, to: defi.yei.pool, status: 'confirmed', action: 'supply' });
  });
});
