import { startChildServer } from '../support/app/child-server';
import { DEAD_RPC_URL, REAL_DATABASE_URL } from '../support/app/start-test-server';
import { startFakeCoinGecko, type FakeCoinGecko } from '../support/fakes';
import { waitUntil } from '../support/wait-until';

/** How long the server keeps accepting after readiness turns off (for the load balancer to notice). */
const SHUTDOWN_READINESS_DELAY_MS = 800;

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
      SHUTDOWN_READINESS_DELAY_MS: String(SHUTDOWN_READINESS_DELAY_MS),
      LOG_LEVEL: 'info',
    });
    expect((await fetch(`${server.url}/health/ready`)).status).toBe(200);
    const release = gecko.holdAnswers();
    const slow = fetch(`${server.url}/api/prices/sei-network/history?range=1d`);
    await waitUntil(() => (gecko.requestCount() > 0 ? true : undefined), 10_000, () => 'the slow request to reach CoinGecko');
    server.child.kill('SIGTERM');
    const ready = await waitUntil(
      async () => {
        const answer = await fetch(`${server.url}/health/ready`);
        return answer.status === 503 ? answer : undefined;
      },
      5000,
      () => 'readiness to turn off',
    );
    expect(((await ready.json()) as { error: { code: string } }).error.code).toBe('NOT_READY');
    release();
    const res = await slow;
    expect(res.status).toBe(200);
    expect(((await res.json()) as { data: { points: unknown[] } }).data.points.length).toBeGreaterThan(0);
    expect(await server.exited).toBe(0);
  });
});
