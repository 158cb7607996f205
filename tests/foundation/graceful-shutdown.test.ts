import { startChildServer } from '../support/app/child-server';
import { DEAD_RPC_URL, REAL_DATABASE_URL } from '../support/app/start-test-server';
import { startFakeCoinGecko, type FakeCoinGecko } from '../support/fakes';

describe('SIGTERM with a slow request in flight', () => {
  let gecko: FakeCoinGecko;
  beforeAll(async () => {
    gecko = await startFakeCoinGecko();
    gecko.setPrice({ id: 'sei-network', usd: 0.5 });
  });
  afterAll(() => gecko.stop());

  it('turns readiness off first, lets the request finish, and exits 0', async () => {
    const server = await startChildServer({
      PORT: '0',
      DATABASE_URL: REAL_DATABASE_URL,
      SEI_RPC_URL: DEAD_RPC_URL,
      COINGECKO_BASE_URL: gecko.url,
      SHUTDOWN_READINESS_DELAY_MS: '800',
      LOG_LEVEL: 'info',
    });
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    gecko.setDelayMs(2500);
    const slow = fetch(`${server.url}/api/prices/sei-network/history?range=1d`);
    await new Promise((r) => setTimeout(r, 300));
    server.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 100));
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('NOT_READY');
    const res = await slow;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { points: unknown[] } }).data.points.length).toBeGreaterThan(0);
    expect(await server.exited).toBe(0);
  });
});
