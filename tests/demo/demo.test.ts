import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { findFreePort } from '../deploy/support/free-port';
import { connectClient, emitWithAck, nextEvent } from '../realtime/support/socket-client';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '..', '..');

interface DemoReady {
  readonly origin: string;
  readonly wallets: ReadonlyArray<{ readonly role: string; readonly address: string; readonly sei1?: string }>;
}

/** Starts `npm run demo`'s script (dist/ is built by `npm test`'s pretest) and resolves with its DEMO_READY line. */
const startDemo = async (env: Record<string, string>): Promise<{ readonly child: ChildProcess; readonly ready: DemoReady; readonly output: () => string }> => {
  const child = spawn(process.execPath, ['-r', './tests/bench/swc-register.js', 'demo/run-demo.ts'], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const ready = new Promise<DemoReady>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = /^DEMO_READY (.*)$/m.exec(output)?.[1];
      if (line !== undefined) resolve(JSON.parse(line) as DemoReady);
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`the demo exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, ready: await ready, output: () => output };
};

const getJson = async (url: string): Promise<{ status: number; body: { data: Record<string, unknown> } }> => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as { data: Record<string, unknown> } };
};

describe('npm run demo', () => {
  it('starts offline with wallets in interesting states, pushes the market moves, and stops cleanly on SIGINT', async () => {
    const [port, rpcPort] = [await findFreePort(), await findFreePort()];
    const demo = await startDemo({ DEMO_PORT: String(port), DEMO_RPC_PORT: String(rpcPort), DEMO_TICK_MS: '500' });
    const exited = new Promise<number | null>((resolve) => demo.child.once('exit', resolve));
    const { origin, wallets } = demo.ready;
    const [borrower, lp, holder, bySei1] = wallets;
    if (borrower === undefined || lp === undefined || holder === undefined || bySei1?.sei1 === undefined) throw new Error(`unexpected wallets ${JSON.stringify(wallets)}`);

    // The borrower: a Yei supply and a borrow, near liquidation, every token priced from the chain.
    const borrowed = await getJson(`${origin}/api/portfolio/${borrower.address}`);
    expect(borrowed.status).toBe(200);
    expect((borrowed.body.data['lendingPositions'] as unknown[]).length).toBe(2);
    expect(borrowed.body.data['healthFactor']).toBeGreaterThan(1);
    expect(borrowed.body.data['healthFactor']).toBeLessThan(1.2);
    expect(borrowed.body.data['unpricedTokens']).toBe(0);

    // The LP is out of range; the holder's sei1 spelling resolves to the same wallet, with a V1 LP.
    const lpPortfolio = await getJson(`${origin}/api/portfolio/${lp.address}`);
    expect((lpPortfolio.body.data['liquidityPositions'] as Array<{ isInRange: boolean }>).map((p) => p.isInRange)).toEqual([false]);
    const held = await getJson(`${origin}/api/portfolio/${bySei1.sei1}`);
    expect(held.body.data['walletAddress']).toBe(holder.address);
    expect((held.body.data['liquidityPositions'] as Array<{ platform: string }>).map((p) => p.platform)).toEqual(['DragonSwap V1']);

    // The market moves WSEI: a price_update, and the borrower's portfolio pushed again after the snapshot.
    const socket = await connectClient(origin);
    const snapshot = nextEvent<{ type: string }>(socket, 'portfolio_update', 60_000);
    expect((await emitWithAck(socket, 'subscribe', { walletAddress: borrower.address })).ok).toBe(true);
    expect((await snapshot).type).toBe('snapshot');
    const moved = nextEvent<{ type: string }>(socket, 'portfolio_update', 60_000);
    const price = nextEvent<{ prices: Record<string, unknown> }>(socket, 'price_update', 60_000);
    expect((await emitWithAck(socket, 'subscribe_prices', {})).ok).toBe(true);
    expect(Object.keys((await price).prices).length).toBeGreaterThan(0);
    expect((await moved).type).not.toBe('snapshot');
    socket.close();

    demo.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(demo.output()).toContain('demo stopped');
    await expect(fetch(`${origin}/health/live`)).rejects.toThrow();
  });
});
